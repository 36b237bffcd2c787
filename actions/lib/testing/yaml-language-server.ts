// Drives yaml-language-server (the engine of VS Code's YAML extension and of most editors' YAML
// support) over stdio, as an editor does: initialize, push the workspace settings, open a file,
// and collect the diagnostics it publishes. It needs Node 22.13+, so it runs under the Node 24
// binary the tests use for the actions.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NODE24 } from './runner.ts';

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
}

export interface YamlLanguageServer {
  /** Opens `file` (absolute) with `text` and resolves with the first non-empty diagnostics published for it, or [] after `timeoutMs`. */
  diagnose(file: string, text: string, timeoutMs?: number): Promise<LspDiagnostic[]>;
  close(): Promise<void>;
}

export async function startYamlLanguageServer(
  workspace: string,
  settings: Record<string, unknown>,
): Promise<YamlLanguageServer> {
  const bin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('yaml-language-server/package.json')),
    'bin',
    'yaml-language-server',
  );
  const child: ChildProcessWithoutNullStreams = spawn(NODE24, [bin, '--stdio'], { cwd: workspace, stdio: 'pipe' });
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  const listeners = new Set<(method: string, params: unknown) => void>();
  const send = (message: Record<string, unknown>) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  const request = (method: string, params: unknown) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      send({ id, method, params });
    });
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as {
        id?: number;
        method?: string;
        params?: unknown;
        result?: unknown;
      };
      buffer = buffer.subarray(headerEnd + 4 + length);
      if (message.method && message.id !== undefined) {
        // A request from the server (registerCapability, workDoneProgress/create, configuration).
        const result =
          message.method === 'workspace/configuration'
            ? (message.params as { items: unknown[] }).items.map(() => settings.yaml ?? null)
            : null;
        send({ id: message.id, result });
      } else if (message.method) {
        for (const listener of listeners) listener(message.method, message.params);
      } else if (message.id !== undefined) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      }
    }
  });
  const root = pathToFileURL(workspace).href;
  await request('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: path.basename(workspace) }],
    capabilities: { textDocument: { publishDiagnostics: {} } },
  });
  send({ method: 'initialized', params: {} });
  send({ method: 'workspace/didChangeConfiguration', params: { settings } });
  let version = 0;
  return {
    diagnose(file, text, timeoutMs = 20_000) {
      const uri = pathToFileURL(file).href;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          resolve([]);
        }, timeoutMs);
        const listener = (method: string, params: unknown) => {
          const p = params as { uri: string; diagnostics: LspDiagnostic[] };
          if (method !== 'textDocument/publishDiagnostics' || p.uri !== uri || p.diagnostics.length === 0) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(p.diagnostics);
        };
        listeners.add(listener);
        send({
          method: 'textDocument/didOpen',
          params: { textDocument: { uri, languageId: 'yaml', version: ++version, text } },
        });
      });
    },
    async close() {
      await Promise.race([request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      send({ method: 'exit' });
      child.kill();
    },
  };
}
