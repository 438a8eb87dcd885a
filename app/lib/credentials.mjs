// One rule for every credential that can change under a running task (the
// database role's password, the session-signing secret, the AWS credentials
// behind Redis IAM tokens): start from what the task was given, and when the
// other side rejects it, re-read the source once and retry with the new value.

/**
 * A credential value with a single-flight re-read.
 * @template T
 */
export class RefreshingCredential {
  /**
   * @param {{ initial: T, load: () => Promise<T>, same?: (a: T, b: T) => boolean,
   *   minIntervalMs?: number, now?: () => number }} opts
   *   minIntervalMs: a re-read within this time of the last one returns the
   *   cached value (callers that cannot tell a forged value from a rotated one,
   *   such as a session cookie with a bad signature, must not drive one AWS
   *   call per request).
   */
  constructor({ initial, load, same = (a, b) => a === b, minIntervalMs = 0, now = Date.now }) {
    this.value = initial;
    this.load = load;
    this.same = same;
    this.minIntervalMs = minIntervalMs;
    this.now = now;
    /** @type {number | undefined} when the value was last read successfully */
    this.loadedAt = undefined;
    /** @type {number | undefined} when a read last started (failed ones count for minIntervalMs) */
    this.triedAt = undefined;
    /** @type {Promise<T> | undefined} */
    this.inflight = undefined;
  }

  /** The value to use now. */
  current() {
    return this.value;
  }

  /** Re-reads the source (one read at a time) and makes the result current. */
  refresh() {
    if (this.inflight) return this.inflight;
    if (this.triedAt !== undefined && this.now() - this.triedAt < this.minIntervalMs) {
      return Promise.resolve(this.value);
    }
    this.triedAt = this.now();
    this.inflight = this.load()
      .then((v) => { this.value = v; this.loadedAt = this.now(); return v; })
      .finally(() => { this.inflight = undefined; });
    return this.inflight;
  }

  /**
   * After `rejected` was refused: the value to retry with, or undefined when
   * the source still holds the rejected value (a retry would fail the same way).
   * Another caller may have re-read meanwhile: then no new read is made.
   * @param {T} rejected
   * @returns {Promise<T | undefined>}
   */
  async afterRejection(rejected) {
    const fresh = this.same(this.value, rejected) ? await this.refresh() : this.value;
    return this.same(fresh, rejected) ? undefined : fresh;
  }
}

/**
 * One value per process under `name`, created by make() on first use. Next
 * bundles each route handler and instrumentation.ts separately, each with its
 * own copy of these modules: module-level state would be per bundle.
 * @template T @param {string} name @param {() => T} make @returns {T}
 */
export function processWide(name, make) {
  const g = /** @type {any} */ (globalThis);
  const key = Symbol.for(`knowledge-card.${name}`);
  if (!(key in g)) g[key] = make();
  return g[key];
}
