/**
 * Real Chromium (Debian's package) driven by playwright-core, with a fake camera and microphone.
 * There is no mock anywhere in this path: the pages do real getUserMedia and real WebRTC.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

/** `fakeCameraFps`: Chromium's fake camera runs at 20 fps unless told otherwise. */
export async function launchChromium(extraArgs: string[] = [], fakeCameraFps?: number): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM_PATH}. Install Debian's package (apt-get install -y --no-install-recommends chromium) ` +
        'or set CHROMIUM_PATH. Browser tests cannot run without it.',
    );
  }
  const args = CHROMIUM_ARGS.map((a) =>
    a === '--use-fake-device-for-media-stream' && fakeCameraFps ? `${a}=fps=${fakeCameraFps}` : a,
  );
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...args, ...extraArgs] });
}
