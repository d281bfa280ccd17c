// Loaded before the app's modules as a classic script: if any module fails to load or throws
// while starting, say so in the window instead of leaving "Starting Wellkept…" forever.
(function watchStartup() {
  'use strict';
  /** @param {string} message */
  function show(message) {
    var boot = document.querySelector('.boot');
    if (boot) {
      boot.textContent = 'Wellkept could not start: ' + message + ' Restart the app; if this keeps happening, reinstall it. Your vault is not affected.';
      boot.setAttribute('role', 'alert');
    }
    document.documentElement.setAttribute('data-boot-error', message);
  }
  document.documentElement.setAttribute('data-boot', 'watching');
  window.addEventListener('error', function onError(event) {
    show(String(event.message || (event.target && /** @type {HTMLScriptElement} */ (event.target).src) || 'a script failed to load.'));
    if (event.error && event.error.stack) document.documentElement.setAttribute('data-boot-stack', String(event.error.stack).slice(0, 2000));
  }, true);
})();
