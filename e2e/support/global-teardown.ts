export default async function globalTeardown() {
  await globalThis.__devserver?.stop();
}
