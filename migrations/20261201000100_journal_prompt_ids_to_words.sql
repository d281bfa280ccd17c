-- Repairs journal entries that stored a built-in prompt's id ("gratitude-3") where the prompt's
-- words belong: the window sent the id until issue 8, so exports printed "Prompt: gratitude-3".
-- The pairs are src/journal/prompts.rs's PROMPTS (append-only, so an id's words never change);
-- a unit test there checks this file against that list. Entries whose prompt is anything else
-- (real words, or an import's prompt) are left alone.
UPDATE journal_entries SET prompt = CASE prompt
    WHEN 'gratitude-1' THEN 'What is one small thing from today that you would like to remember?'
    WHEN 'gratitude-2' THEN 'Who made your day a little easier recently, and how?'
    WHEN 'gratitude-3' THEN 'What is something your body let you do today that you are glad of?'
    WHEN 'gratitude-4' THEN 'Describe a place where you feel at ease. What makes it feel that way?'
    WHEN 'gratitude-5' THEN 'What is something you have now that you once hoped for?'
    WHEN 'gratitude-6' THEN 'Which everyday comfort would you miss most if it were gone?'
    WHEN 'gratitude-7' THEN 'What made you smile or laugh this week?'
    WHEN 'values-1' THEN 'What mattered most to you today, and did your day leave room for it?'
    WHEN 'values-2' THEN 'Think of someone you admire. Which of their qualities would you like more of?'
    WHEN 'values-3' THEN 'When did you last feel truly like yourself? What were you doing?'
    WHEN 'values-4' THEN 'What would you like people to say about how you treat them?'
    WHEN 'values-5' THEN 'What is one thing you said yes to lately that you would rather have said no to?'
    WHEN 'values-6' THEN 'If this week went the way you want, what would you have spent time on?'
    WHEN 'relationships-1' THEN 'Who do you feel safe being honest with? What makes that possible?'
    WHEN 'relationships-2' THEN 'Is there a conversation you have been putting off? What would help you begin it?'
    WHEN 'relationships-3' THEN 'How did you show care for someone recently, in words or in actions?'
    WHEN 'relationships-4' THEN 'Which relationship gives you energy, and which one takes it? What do you notice?'
    WHEN 'relationships-5' THEN 'What do you need more of from the people around you, and could you ask for it?'
    WHEN 'relationships-6' THEN 'Write about a time someone understood you without much explanation.'
    WHEN 'feelings-1' THEN 'What feeling has been loudest today? Where do you notice it in your body?'
    WHEN 'feelings-2' THEN 'If your worry could speak, what would it say? What would you answer it kindly?'
    WHEN 'feelings-3' THEN 'What would you say to a friend who felt the way you feel right now?'
    WHEN 'feelings-4' THEN 'What has helped you get through a hard day before, even a little?'
    WHEN 'feelings-5' THEN 'Is there something you are carrying that is not yours to carry?'
    WHEN 'feelings-6' THEN 'Name one thing that is in your control today, and one that is not.'
    WHEN 'feelings-7' THEN 'What do you need right now: rest, company, movement, or something else?'
    WHEN 'progress-1' THEN 'What is one thing you handled better this week than you would have a year ago?'
    WHEN 'progress-2' THEN 'What small step, taken today, would your future self thank you for?'
    WHEN 'progress-3' THEN 'What did you learn from something that did not go to plan?'
    WHEN 'progress-4' THEN 'Which habit are you building, and what helped it along lately?'
    WHEN 'progress-5' THEN 'Look back at an older entry. What has changed since you wrote it?'
    WHEN 'progress-6' THEN 'What are you proud of that nobody else may have noticed?'
    WHEN 'progress-7' THEN 'What would ''good enough'' look like for the week ahead?'
    ELSE prompt END
WHERE prompt IN ('gratitude-1', 'gratitude-2', 'gratitude-3', 'gratitude-4', 'gratitude-5', 'gratitude-6', 'gratitude-7', 'values-1', 'values-2', 'values-3', 'values-4', 'values-5', 'values-6', 'relationships-1', 'relationships-2', 'relationships-3', 'relationships-4', 'relationships-5', 'relationships-6', 'feelings-1', 'feelings-2', 'feelings-3', 'feelings-4', 'feelings-5', 'feelings-6', 'feelings-7', 'progress-1', 'progress-2', 'progress-3', 'progress-4', 'progress-5', 'progress-6', 'progress-7');
