/**
 * The one place where screens are registered. Adding a screen: make a folder under
 * `src/screens/`, export its definition, import it here and add it to the list; add its CSS to
 * `ui/index.css`. The sidebar is built from this list (see `lib/screens.js`).
 */
import { registerScreen } from '../lib/screens.js';
import { activationScreen } from './activation/activation.js';
import { billingScreen } from './billing/billing.js';
import { appointmentsScreen } from './appointments/appointments.js';
import { breathingScreen } from './breathing/breathing.js';
import { clientScreen } from './client/client.js';
import { clientsScreen } from './clients/clients.js';
import { consentScreen } from './consent/consent.js';
import { copingScreen } from './coping/coping.js';
import { dashboardScreen } from './dashboard/dashboard.js';
import { exchangeScreen } from './exchange/exchange.js';
import { exportScreen } from './export/export.js';
import { firstRunScreen } from './first-run/first-run.js';
import { gratitudeScreen } from './gratitude/gratitude.js';
import { groundingScreen } from './grounding/grounding.js';
import { importScreen } from './import/import.js';
import { journalScreen } from './journal/journal.js';
import { measureScreen } from './measure/measure.js';
import { myGoalsScreen } from './my-goals/my-goals.js';
import { myRecordScreen } from './my-record/my-record.js';
import { noteScreen } from './note/note.js';
import { openShareScreen } from './open-share/open-share.js';
import { referralsScreen } from './referrals/referrals.js';
import { restoreScreen } from './restore/restore.js';
import { safetyPlanScreen } from './safety-plan/safety-plan.js';
import { searchScreen } from './search/search.js';
import { settingsScreen } from './settings/settings.js';
import { shareScreen } from './share/share.js';
import { thoughtRecordScreen } from './thought-record/thought-record.js';
import { trashScreen } from './trash/trash.js';
import { unlockScreen } from './unlock/unlock.js';

export const SCREENS = [
  firstRunScreen,
  unlockScreen,
  dashboardScreen,
  searchScreen,
  clientsScreen,
  clientScreen,
  noteScreen,
  appointmentsScreen,
  consentScreen,
  referralsScreen,
  billingScreen,
  myRecordScreen,
  journalScreen,
  gratitudeScreen,
  myGoalsScreen,
  thoughtRecordScreen,
  activationScreen,
  measureScreen,
  breathingScreen,
  groundingScreen,
  safetyPlanScreen,
  copingScreen,
  settingsScreen,
  importScreen,
  exchangeScreen,
  shareScreen,
  openShareScreen,
  exportScreen,
  restoreScreen,
  trashScreen,
];

export function registerScreens() {
  for (const screen of SCREENS) registerScreen(screen);
}
