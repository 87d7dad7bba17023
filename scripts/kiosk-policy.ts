/**
 * The Chromium managed policy of an Ashir kiosk, for one server origin: the camera and microphone
 * without a prompt for that origin only (and for nobody else), only that origin reachable, sound and
 * video that start by themselves, and none of a browser's prompts or side trips (passwords,
 * translation, sign-in, sync, notifications, autofill, developer tools). Write it to
 * /etc/chromium/policies/managed/ashir-kiosk.json (docs/KIOSK.md).
 *
 *   npm run kiosk-policy -- https://ashir.office.example > ashir-kiosk.json
 */
import { pathToFileURL } from 'node:url';

export function kioskPolicy(origin: string): Record<string, unknown> {
  const url = new URL(origin);
  if (url.protocol !== 'https:' || url.origin !== origin.replace(/\/$/, ''))
    throw new Error('Give the server origin as https://host[:port] (the camera needs HTTPS).');
  const o = url.origin;
  return {
    VideoCaptureAllowed: false,
    VideoCaptureAllowedUrls: [o],
    AudioCaptureAllowed: false,
    AudioCaptureAllowedUrls: [o],
    ScreenCaptureAllowed: false,
    URLBlocklist: ['*'],
    URLAllowlist: [o],
    AutoplayAllowed: true,
    FullscreenAllowed: true,
    HomepageLocation: `${o}/kiosk/`,
    RestoreOnStartup: 4,
    RestoreOnStartupURLs: [`${o}/kiosk/`],
    PasswordManagerEnabled: false,
    TranslateEnabled: false,
    BrowserSignin: 0,
    SyncDisabled: true,
    MetricsReportingEnabled: false,
    DefaultBrowserSettingEnabled: false,
    PromotionalTabsEnabled: false,
    DefaultNotificationsSetting: 2,
    DefaultGeolocationSetting: 2,
    AutofillAddressEnabled: false,
    AutofillCreditCardEnabled: false,
    SpellcheckEnabled: false,
    DeveloperToolsAvailability: 2,
    IncognitoModeAvailability: 1,
    BookmarkBarEnabled: false,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const origin = process.argv[2];
  if (!origin) {
    console.error('usage: npm run kiosk-policy -- https://ashir.office.example');
    process.exit(2);
  }
  try {
    console.log(JSON.stringify(kioskPolicy(origin), null, 2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}
