/** In-memory stand-ins for VS Code's Memento and SecretStorage (AccountStore under plain Node). */

export function memoryMemento(initial: Record<string, unknown> = {}) {
  const m = new Map<string, unknown>(Object.entries(initial));
  return {
    get: <T>(k: string, d?: T) => (m.has(k) ? (m.get(k) as T) : d),
    update: async (k: string, v: unknown) => void m.set(k, v),
    keys: () => [...m.keys()],
  };
}

export interface MemorySecretsOptions {
  /** store() rejects, as a locked keyring does. */
  failWrites?: boolean;
  /** Every change is reported on a later turn, the store's own writes included, as VS Code does. */
  reportChanges?: boolean;
  /** get() answers on a later turn with the value when asked, as a keyring round trip does. */
  slowReads?: boolean;
}

export function memorySecrets(o: MemorySecretsOptions = {}) {
  const m = new Map<string, string>();
  const listeners: ((e: { key: string }) => void)[] = [];
  const report = (key: string) => {
    if (o.reportChanges) setImmediate(() => listeners.forEach((l) => l({ key })));
  };
  return {
    get: (k: string): Promise<string | undefined> => {
      const v = m.get(k);
      return o.slowReads ? new Promise((r) => setImmediate(() => r(v))) : Promise.resolve(v);
    },
    store: async (k: string, v: string) => {
      if (o.failWrites) throw new Error(`keyring locked (${v.length} bytes)`);
      m.set(k, v);
      report(k);
    },
    delete: async (k: string) => {
      m.delete(k);
      report(k);
    },
    onDidChange: (l: (e: { key: string }) => void) => (listeners.push(l), { dispose() {} }),
    /** A write by another window. */
    elsewhere(k: string, v: string) {
      m.set(k, v);
      report(k);
    },
  };
}
