// torii-web's only script: keeps the page's live region and charts current over Server-Sent Events.
// Every (re)connection starts with "resync": the live region and the chart history are read again, so what
// happened while the stream was down is shown from the proxy's state, not lost.
'use strict';
(() => {
  const live = document.getElementById('live');
  const status = document.getElementById('connection');
  if (!live || !window.EventSource) {
    return;
  }

  const window15 = 15 * 60;
  const series = {
    requestRate: [s => s.requestRate],
    errorRate: [s => s.errorRate],
    latency: [s => s.p50Milliseconds, s => s.p99Milliseconds],
    connections: [s => s.connections],
  };
  let samples = [];
  let refreshing = false;
  let again = false;

  function setStatus(text, ok) {
    if (status) {
      status.textContent = text;
      status.className = 'connection ' + (ok ? 'ok' : 'down');
    }
  }

  // Replaces the live region (and the choices of the forms' lists) with a fresh rendering of this page.
  async function refresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const response = await fetch(location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (response.redirected && new URL(response.url).pathname === '/login') {
        location.assign('/login');
        return;
      }
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
      const region = fresh.getElementById('live');
      if (region) {
        live.replaceChildren(...Array.from(region.childNodes).map(node => document.importNode(node, true)));
      }
      for (const select of document.querySelectorAll('form[id] select')) {
        const twin = fresh.querySelector(`#${select.form.id} select[name="${select.name}"]`);
        if (twin && select !== document.activeElement && twin.innerHTML !== select.innerHTML) {
          const chosen = select.value;
          select.innerHTML = twin.innerHTML;
          select.value = chosen;
        }
      }
    } catch (error) {
      setStatus('cannot refresh: ' + error, false);
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        refresh();
      }
    }
  }

  async function loadHistory() {
    if (!document.querySelector('svg[data-chart]')) {
      return;
    }
    const response = await fetch('/api/metrics', { credentials: 'same-origin' });
    if (response.ok) {
      samples = await response.json();
      draw();
    }
  }

  function draw() {
    const newest = samples.length ? samples[samples.length - 1].time : 0;
    samples = samples.filter(s => s.time > newest - window15);
    // The time axis spans the history there is (at least a minute), up to the 15 minutes kept.
    const span = samples.length ? Math.min(window15, Math.max(60, newest - samples[0].time)) : window15;
    for (const svg of document.querySelectorAll('svg[data-chart]')) {
      const lines = series[svg.dataset.chart] || [];
      let max = 1;
      for (const pick of lines) {
        for (const s of samples) {
          const v = pick(s);
          if (v !== null && v !== undefined && v > max) {
            max = v;
          }
        }
      }
      const paths = lines.map((pick, index) => {
        let d = '';
        let pen = false;
        for (const s of samples) {
          const v = pick(s);
          if (v === null || v === undefined) {
            pen = false;
            continue;
          }
          const x = ((s.time - (newest - span)) / span) * 900;
          const y = 118 - (v / max) * 112;
          d += (pen ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1);
          pen = true;
        }
        return `<path class="line line${index}" d="${d}"/>`;
      });
      svg.innerHTML = `<text x="4" y="12" class="axis">${max.toFixed(max < 10 ? 1 : 0)}</text>` + paths.join('');
      const value = document.querySelector(`[data-value="${svg.dataset.chart}"]`);
      if (value && samples.length) {
        const last = samples[samples.length - 1];
        value.textContent = lines.map(pick => {
          const v = pick(last);
          return v === null || v === undefined ? '–' : (Math.round(v * 10) / 10).toString();
        }).join(' / ');
      }
    }
  }

  const source = new EventSource('/live');
  source.addEventListener('resync', () => {
    setStatus('live', true);
    refresh();
    loadHistory();
  });
  source.addEventListener('event', () => refresh());
  source.addEventListener('metrics', message => {
    samples.push(JSON.parse(message.data));
    draw();
  });
  source.addEventListener('proxy', message => {
    const state = JSON.parse(message.data);
    setStatus(state.up ? 'live' : 'proxy unreachable', state.up);
    refresh();
  });
  source.addEventListener('error', () => setStatus('reconnecting…', false));

  const every = Number(document.body.dataset.refresh || '0');
  if (every > 0) {
    setInterval(refresh, every * 1000);
  }
})();
