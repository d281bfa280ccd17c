import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SafeHtml, escapeHtml, html, render } from '../src/lib/html.js';

test('interpolated text is escaped, including quotes for attribute values', () => {
  const name = `<img src=x onerror="alert('x')">&`;
  const out = html`<p title="${name}">${name}</p>`;
  assert.ok(out instanceof SafeHtml);
  const escaped = '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;';
  assert.equal(out.text, `<p title="${escaped}">${escaped}</p>`);
});

test('nested templates and arrays pass through once, without double escaping', () => {
  const items = ['a<b', 'c&d'];
  const out = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
  assert.equal(out.text, '<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
});

test('null, undefined and false render as nothing; numbers as text', () => {
  assert.equal(html`${null}${undefined}${false}${0}${12.5}`.text, '012.5');
});

test('render refuses plain strings so user text cannot reach innerHTML unescaped', () => {
  const element = { innerHTML: '' };
  assert.throws(() => render(/** @type {any} */ (element), /** @type {any} */ ('<b>x</b>')), TypeError);
  render(/** @type {any} */ (element), html`<b>${'<i>'}</b>`);
  assert.equal(element.innerHTML, '<b>&lt;i&gt;</b>');
});

test('escapeHtml covers backticks too', () => {
  assert.equal(escapeHtml('`'), '&#96;');
});
