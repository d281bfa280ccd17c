// Types of the page's globals for `tsc`: the part of Tauri's global object (`withGlobalTauri` in
// tauri.conf.json) that api.js uses, and the app's own custom elements. Only api.js may touch
// Tauri (eslint enforces that); what a command sends back is typed by bindings/Commands.ts.

interface TauriDialogFilter {
  name: string;
  extensions: string[];
}

interface TauriGlobal {
  core: {
    invoke(command: string, args?: Record<string, unknown>): Promise<unknown>;
  };
  event: {
    listen<T>(event: string, handler: (event: { payload: T }) => void): Promise<() => void>;
  };
  dialog: {
    open(options: { multiple?: boolean; title?: string; directory?: boolean; filters?: TauriDialogFilter[] }): Promise<string | string[] | null>;
    save(options: { title?: string; defaultPath?: string; filters?: TauriDialogFilter[] }): Promise<string | null>;
  };
}

interface Window {
  __TAURI__?: TauriGlobal;
}

// The app's own elements, so `document.createElement('wk-line-chart')` is typed as its class.
interface HTMLElementTagNameMap {
  'wk-app': import('./components/app-shell/app-shell.js').AppShell;
  'wk-frame': import('./components/app-frame/app-frame.js').AppFrame;
  'wk-crisis-dialog': import('./components/crisis-dialog/crisis-dialog.js').CrisisDialog;
  'wk-breathing-pacer': import('./components/breathing-pacer/breathing-pacer.js').BreathingPacer;
  'wk-record-section': import('./components/record-section/record-section.js').RecordSection;
  'wk-line-chart': import('./components/line-chart/line-chart.js').LineChart;
  'wk-goal-list': import('./components/goal-list/goal-list.js').GoalList;
  'wk-measure-schedules': import('./components/measure-schedules/measure-schedules.js').MeasureSchedules;
  'wk-attachment-list': import('./components/attachment-list/attachment-list.js').AttachmentList;
  'wk-text-conflicts': import('./components/text-conflicts/text-conflicts.js').TextConflicts;
}
