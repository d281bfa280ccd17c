/**
 * Start-up: registers every component and screen explicitly, then lets <wk-app> take over.
 * Nothing runs on import elsewhere; this file is the order of things.
 */
// First: the rest may format numbers and dates at load (see locale-guard.js).
import './lib/locale-guard.js';
import { registerAppFrame } from './components/app-frame/app-frame.js';
import { registerAppShell } from './components/app-shell/app-shell.js';
import { registerAttachmentList } from './components/attachment-list/attachment-list.js';
import { registerBreathingPacer } from './components/breathing-pacer/breathing-pacer.js';
import { registerCrisisDialog } from './components/crisis-dialog/crisis-dialog.js';
import { registerGoalList } from './components/goal-list/goal-list.js';
import { registerMeasureSchedules } from './components/measure-schedules/measure-schedules.js';
import { registerLineChart } from './components/line-chart/line-chart.js';
import { registerRecordSection } from './components/record-section/record-section.js';
import { registerTextConflicts } from './components/text-conflicts/text-conflicts.js';
import { registerScreens } from './screens/index.js';

registerCrisisDialog();
registerBreathingPacer();
registerLineChart();
registerGoalList();
registerMeasureSchedules();
registerRecordSection();
registerAttachmentList();
registerTextConflicts();
registerScreens();
registerAppFrame();
// Last: <wk-app> upgrades now and starts the app with everything above defined.
registerAppShell();
