-- A goal's next review: the day it should next be looked at with the client. The dashboard lists
-- active goals whose day has come ("Goals to review"); recording a review sets the next one (or
-- none). NULL: no review planned. Existing goals have none.
ALTER TABLE goals ADD COLUMN next_review_on TEXT;
CREATE INDEX goals_by_next_review ON goals(next_review_on) WHERE next_review_on IS NOT NULL;
