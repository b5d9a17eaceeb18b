// make bench's in-page probe, loaded first by every bench page (the kit's, the React
// reference's, and the Grafana-like host's through an init script): the same clock and the
// same DOM conditions for both implementations.
//
// - `__urlReadyAt`: ms since navigation start when an enabled input labelled "URL" first
//   exists (the cold-load figure).
// - `__listReadyAt`: the same for the first "Showing 1–…" of a service-account list.
// - `benchProbe`: helpers the bench calls inside the page.
(function () {
  'use strict';

  function labelText(input) {
    const label = (input.labels && input.labels[0]) || null;
    return label ? label.textContent.trim() : input.getAttribute('aria-label') || '';
  }

  function byLabel(root, text) {
    for (const input of root.querySelectorAll('input')) {
      if (labelText(input).startsWith(text)) return input;
    }
    return null;
  }

  function urlReady() {
    const input = byLabel(document, 'URL');
    return Boolean(input && !input.disabled);
  }

  function listReady() {
    return /Showing 1–/.test(document.body ? document.body.textContent : '');
  }

  /**
   * Resolves when `cond()` holds, checked now, after every DOM change, through the
   * microtasks that follow (updates queued as microtasks are seen at once), then after
   * every task for 50 ms (MessageChannel, no timer clamping), then every 2 ms. The same
   * for both implementations, so neither is measured at a coarser grain.
   */
  function waitFor(cond, timeout) {
    if (cond()) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      const started = performance.now();
      const limit = timeout || 10000;
      const channel = new MessageChannel();
      const observer = new MutationObserver(check);
      let finished = false;
      let microtasks = 0;
      function finish(error) {
        finished = true;
        observer.disconnect();
        channel.port1.onmessage = null;
        if (error) reject(error);
        else resolve();
      }
      function check() {
        if (finished) return;
        if (cond()) finish();
        else if (performance.now() - started > limit) finish(new Error('condition not met in ' + limit + ' ms'));
      }
      function micro() {
        check();
        if (finished) return;
        if (microtasks++ < 100) queueMicrotask(micro);
        else channel.port2.postMessage(0);
      }
      channel.port1.onmessage = function () {
        check();
        if (finished) return;
        if (performance.now() - started < 50) channel.port2.postMessage(0);
        else setTimeout(function poll() {
          check();
          if (!finished) setTimeout(poll, 2);
        }, 2);
      };
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      queueMicrotask(micro);
    });
  }

  /** Style and layout of the change forced, as the next paint would do them. */
  function settle() {
    return document.body.getBoundingClientRect().height;
  }

  /** Sets an input's value as typing does (React's value tracker included) and fires input. */
  function type(input, value) {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    setter.call(input, value);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value.slice(-1) }));
  }

  function buttonNamed(root, name) {
    for (const button of root.querySelectorAll('button')) {
      if (button.textContent.trim() === name || button.getAttribute('aria-label') === name) return button;
    }
    return null;
  }

  /** Data source settings with a configured API key, as Grafana's GET answers them. */
  function settings(bigValue) {
    const jsonData = { projectId: 'bench' };
    if (bigValue) jsonData.big = bigValue;
    return {
      id: 1,
      uid: 'bench',
      orgId: 1,
      name: 'Bench',
      type: 'bench-datasource',
      access: 'proxy',
      url: 'http://localhost:8080',
      user: '',
      database: '',
      basicAuth: false,
      basicAuthUser: '',
      withCredentials: false,
      isDefault: false,
      jsonData: jsonData,
      secureJsonFields: { apiKey: true },
      version: 1,
      readOnly: false,
    };
  }

  window.benchProbe = { byLabel, waitFor, settle, type, buttonNamed, settings };

  const observer = new MutationObserver(function () {
    if (window.__urlReadyAt === undefined && urlReady()) window.__urlReadyAt = performance.now();
    if (window.__listReadyAt === undefined && listReady()) window.__listReadyAt = performance.now();
    if (window.__urlReadyAt !== undefined && window.__listReadyAt !== undefined) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
