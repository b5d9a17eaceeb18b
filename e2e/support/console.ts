// The console watcher every e2e test runs with: it records the page's console errors and
// uncaught exceptions as they happen, and after the test body (in the fixture's teardown)
// fails the test on any that the test did not declare with `consoleErrors.allow(…)`.
//
// A test that provokes an error on purpose (a request the server refuses, a closed port,
// an injected fault) allows exactly that error: the browser's network log line for that
// status (or network failure) and that URL. Nothing is allowed globally.
import { test as base, expect, type Page } from '@playwright/test';

/** One console error or uncaught exception. */
export interface ConsoleError {
  /** The message (for an uncaught exception, its message). */
  text: string;
  /** The URL the console message came from (for "Failed to load resource", the resource). */
  url: string;
}

/**
 * An error a test expects. A failed request: the browser's "Failed to load resource" line
 * for `status` (a number: "the server responded with a status of N"; `'network'`: a
 * `net::ERR_…` failure), for a resource whose URL matches `url`. Anything else: a RegExp
 * over the message.
 */
export type Allowed = RegExp | { status: number | 'network'; url: RegExp };

interface Allowance {
  expected: Allowed;
  why: string;
}

export class ConsoleErrors {
  /** Everything logged so far, allowed or not. */
  readonly all: ConsoleError[] = [];
  private readonly allowances: Allowance[] = [];

  constructor(page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.all.push({ text: m.text(), url: m.location().url });
    });
    page.on('pageerror', (e) => this.all.push({ text: `uncaught ${e.name}: ${e.message}`, url: '' }));
  }

  /** Declares an error this test provokes on purpose; `why` says how. */
  allow(expected: Allowed, why: string): void {
    this.allowances.push({ expected, why });
  }

  /** The errors no `allow` covers, as readable lines. */
  unexpected(): string[] {
    return this.all.filter((e) => !this.allowances.some((a) => matches(a.expected, e))).map(show);
  }

  /** Every message, allowed or not (to check that none contains a secret). */
  text(): string {
    return this.all.map(show).join('\n');
  }
}

function matches(expected: Allowed, error: ConsoleError): boolean {
  if (expected instanceof RegExp) return expected.test(error.text);
  const logged =
    expected.status === 'network'
      ? /^Failed to load resource: net::ERR_[A-Z_]+$/.test(error.text)
      : error.text.startsWith(`Failed to load resource: the server responded with a status of ${expected.status} `);
  return logged && expected.url.test(error.url);
}

function show(e: ConsoleError): string {
  return e.url ? `${e.text} (${e.url})` : e.text;
}

/**
 * `test` with the watcher: `consoleErrors` is set up for every test (auto), and its
 * teardown fails the test on an error the test did not allow.
 */
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ page }, use) => {
      const watch = new ConsoleErrors(page);
      await use(watch);
      expect(watch.unexpected(), 'console errors and uncaught exceptions the test did not allow').toEqual([]);
    },
    { auto: true },
  ],
});
