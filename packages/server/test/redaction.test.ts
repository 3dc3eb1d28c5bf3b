import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findRedactions } from '@k8s-chat/contract';
import { OutputRedactor, redactText } from '../src/redaction/index.js';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTc2NDMwMDAwMH0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redactText: one-line secrets', () => {
  it('hides bearer tokens and JWTs but keeps the words around them', () => {
    assert.equal(
      redactText('Authorization: Bearer abcdefghijklmnop123'),
      'Authorization: Bearer [REDACTED token]',
    );
    assert.equal(redactText(`token=${JWT} rest`), 'token=[REDACTED token] rest');
  });

  it('hides credential values in key/value pairs, flags and JSON', () => {
    assert.equal(redactText('DB_PASSWORD=hunter2'), 'DB_PASSWORD=[REDACTED password]');
    assert.equal(redactText('--password=hunter2 --user=bob'), '--password=[REDACTED password] --user=bob');
    assert.equal(redactText('{"apiKey": "k-123456"}'), '{"apiKey": "[REDACTED token]"}');
    assert.equal(redactText('  client_secret: abc123xyz'), '  client_secret: [REDACTED token]');
  });

  it('leaves keys that only name a secret, and values that cannot be secrets', () => {
    for (const text of [
      '      secretName: db-credentials',
      'automountServiceAccountToken: false',
      'Tokens:              <none>',
      'expirationSeconds: 3600',
      'image: registry.local/api@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    ]) {
      assert.equal(redactText(text), text, text);
    }
  });

  it('hides well-known provider tokens and long mixed base64 blobs', () => {
    assert.equal(redactText('key AKIAABCDEFGHIJKLMNOP used'), 'key [REDACTED token] used');
    const blob = 'QmFzZTY0RW5jb2RlZFNlY3JldFZhbHVlVGhhdElzTG9uZzEyMzQ1Njc4OTA=';
    assert.equal(redactText(`value ${blob} end`), 'value [REDACTED base64 blob] end');
  });

  it('hides Secret data inside one-line JSON such as the last-applied annotation', () => {
    const line = '{"apiVersion":"v1","data":{"password":"aHVudGVyMg==","user":"Ym9i"},"kind":"Secret"}';
    assert.equal(
      redactText(line),
      '{"apiVersion":"v1","data":{"password":"[REDACTED secret data]","user":"[REDACTED secret data]"},"kind":"Secret"}',
    );
  });
});

describe('OutputRedactor: streams and multi-line secrets', () => {
  it('replaces a PEM private key split across chunks by one marker', () => {
    const redactor = new OutputRedactor();
    const out =
      redactor.push('before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow') +
      redactor.push('IBAAKCAQEA\nabc\n-----END RSA PRI') +
      redactor.push('VATE KEY-----\nafter\n') +
      redactor.flush();
    assert.equal(out, 'before\n[REDACTED private key]\nafter\n');
    assert.doesNotMatch(out, /MIIE/);
  });

  it('does not let a chunk boundary split a token past the rules', () => {
    const redactor = new OutputRedactor();
    const out = redactor.push('password=hun') + redactor.push('ter2\nok\n') + redactor.flush();
    assert.equal(out, 'password=[REDACTED password]\nok\n');
  });

  it('hides every value of a Secret data block in YAML when the command reads Secrets', () => {
    const yaml = [
      'apiVersion: v1',
      'data:',
      '  password: aHVudGVyMg==',
      '  username: plain-text-value',
      'kind: Secret',
      'metadata:',
      '  name: db',
      '',
    ].join('\n');
    const out = redactText(yaml, { readsSecrets: true });
    assert.match(out, /^ {2}password: \[REDACTED secret data\]$/m);
    assert.match(out, /^ {2}username: \[REDACTED secret data\]$/m);
    assert.match(out, /^ {2}name: db$/m, 'lines after the block are untouched');
  });

  it('hides base64 values in a data block but keeps plain ConfigMap values', () => {
    const yaml = ['data:', '  LOG_LEVEL: info', '  cert: aHVudGVyMmh1bnRlcjI=', 'kind: ConfigMap', ''].join(
      '\n',
    );
    const out = redactText(yaml);
    assert.match(out, /LOG_LEVEL: info/);
    assert.match(out, /cert: \[REDACTED secret data\]/);
  });

  it('hides Secret data in multi-line JSON', () => {
    const json = [
      '{',
      '  "data": {',
      '    "password": "aHVudGVyMg==",',
      '    "user": "bob"',
      '  },',
      '  "kind": "Secret"',
      '}',
    ].join('\n');
    const out = redactText(json, { readsSecrets: true });
    assert.match(out, /"password": "\[REDACTED secret data\]",/);
    assert.match(out, /"user": "\[REDACTED secret data\]"/);
    assert.match(out, /"kind": "Secret"/);
  });

  it('sends a very long partial line instead of holding it forever', () => {
    const redactor = new OutputRedactor();
    const out = redactor.push('x'.repeat(20_000));
    assert.equal(out.length, 20_000);
  });

  it('produces markers the elements can find', () => {
    const spans = findRedactions(redactText('a password=x1 and Bearer abcdefghijklmnopq'));
    assert.deepEqual(
      spans.map((span) => span.kind),
      ['password', 'token'],
    );
  });
});
