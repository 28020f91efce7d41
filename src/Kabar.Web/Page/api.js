// A small interactive reference for the OpenAPI document: each operation with its parameters and a form to call it.
'use strict';
(async function () {
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) { node.setAttribute(k, v); }
    for (const c of children) { if (c != null) { node.append(c); } }
    return node;
  };
  const doc = await (await fetch('/openapi/v1.json')).json();
  document.getElementById('description').textContent = doc.info.description || '';
  const box = document.getElementById('operations');
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post'].includes(method)) { continue; }
      const verb = method.toUpperCase();
      const details = el('details', { class: 'op', id: op.operationId || '' });
      details.append(el('summary', {}, el('span', { class: 'method ' + verb }, verb), el('span', { class: 'path' }, path), ' — ', op.summary || ''));
      const body = el('div', { class: 'body' });
      if (op.description) { body.append(el('p', {}, op.description)); }
      const inputs = {};
      const parameters = (item.parameters || []).concat(op.parameters || []);
      if (parameters.length) {
        const table = el('table', {}, el('tr', {}, el('th', {}, 'parameter'), el('th', {}, 'in'), el('th', {}, 'type'), el('th', {}, 'value')));
        for (const p of parameters) {
          const input = el('input', { size: 30, placeholder: p.required ? 'required' : '' });
          inputs[p.name] = { input, where: p.in };
          const type = p.schema ? (p.schema.type || (p.schema.$ref || '').split('/').pop()) : '';
          table.append(el('tr', {}, el('td', {}, p.name), el('td', {}, p.in), el('td', {}, Array.isArray(type) ? type.join('|') : String(type)), el('td', {}, input)));
        }
        body.append(table);
      }
      let text = null; let media = null;
      if (op.requestBody) {
        media = el('select', {}, ...Object.keys(op.requestBody.content).map((m) => el('option', { value: m }, m)));
        text = el('textarea', {}, '{"text": "Israeli troops attacked Hamas fighters in Gaza on Monday.", "language": "en", "published": "2024-01-02"}');
        body.append(el('p', {}, 'Body ', media), text);
      }
      const responses = el('p', {}, 'Responses: ' + Object.entries(op.responses || {}).map(([code, r]) => `${code} ${r.description || ''}`).join(' · '));
      body.append(responses);
      const send = el('button', { type: 'button' }, 'Send');
      const result = el('div', {});
      send.addEventListener('click', async () => {
        let url = path;
        const query = new URLSearchParams();
        for (const [name, { input, where }] of Object.entries(inputs)) {
          if (!input.value) { continue; }
          if (where === 'path') { url = url.replace(new RegExp('\\{\\**' + name + '(:[^}]*)?\\}'), encodeURIComponent(input.value)); } else { query.set(name, input.value); }
        }
        if ([...query].length) { url += '?' + query; }
        const init = { method: verb, headers: {} };
        const key = document.getElementById('key').value;
        if (key) { init.headers['X-Api-Key'] = key; }
        if (text) { init.body = text.value; init.headers['Content-Type'] = media.value; }
        const response = await fetch(url, init);
        let shown = await response.text();
        try { shown = JSON.stringify(JSON.parse(shown), null, 2); } catch { /* not JSON */ }
        result.replaceChildren(el('p', {}, el('span', { class: 'status' }, `${response.status} ${response.statusText}`), ' ', verb + ' ' + url), el('pre', {}, shown));
      });
      body.append(send, result);
      details.append(body);
      box.append(details);
    }
  }
})();
