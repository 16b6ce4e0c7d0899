// What the e2e tests that read captured mail share: the text of a message and a poll.

/** Quoted-printable soft breaks and escapes undone (enough to read the text part). */
export const bodyOf = (m: string) =>
  Buffer.from(
    m
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

/** Polls `f` every 250 ms until it returns something, or fails after `ms`. */
export async function waitFor<T>(
  f: () => T | undefined | Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}
