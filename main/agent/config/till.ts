// Which till this is: one estate file serves every till when the host name gives the till's id
// (till.tillIdFromHostname), and $TILL_AGENT_TILL_ID / $TILL_AGENT_SITE_ID name an odd one out.
// Pure: the host name and the environment come in; the ids, and where each came from, go out.
import { namedGroups, type ConfigFile, type TillIds } from './schema';

export const TILL_ID_VARIABLE = 'TILL_AGENT_TILL_ID';
export const SITE_ID_VARIABLE = 'TILL_AGENT_SITE_ID';

/** Where an id came from, as check-config and the config command name it. */
export type IdSource =
  | 'till.siteId'
  | 'till.tillId'
  | 'till.tillIdFromHostname'
  | `$${typeof TILL_ID_VARIABLE}`
  | `$${typeof SITE_ID_VARIABLE}`;

export interface TillResolution {
  ids: TillIds;
  siteFrom: IdSource;
  tillFrom: IdSource;
  hostname: string;
}

const MAX_ID = 32;

function fromEnvironment(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * This till's ids from the file's `till` section (already valid: tillId or tillIdFromHostname,
 * siteId or a site group), the host name and the environment; or the one line that says what
 * to fix, naming the host name and the pattern.
 */
export function resolveTill(
  till: NonNullable<ConfigFile['till']>,
  hostname: string,
  env: NodeJS.ProcessEnv,
): { ok: true; value: TillResolution } | { ok: false; problem: string } {
  const envTill = fromEnvironment(env, TILL_ID_VARIABLE);
  const envSite = fromEnvironment(env, SITE_ID_VARIABLE);
  for (const [name, value] of [
    [TILL_ID_VARIABLE, envTill],
    [SITE_ID_VARIABLE, envSite],
  ] as const) {
    if (value !== undefined && value.length > MAX_ID)
      return { ok: false, problem: `$${name}: is at most ${MAX_ID} characters, got "${value}"` };
  }
  const pattern = till.tillIdFromHostname;
  const siteGroup = pattern !== undefined && namedGroups(pattern).includes('site');
  // The pattern is needed when it is the only way to the till's id, or to the site's.
  const needsPattern =
    pattern !== undefined &&
    ((envTill === undefined && till.tillId === undefined) ||
      (envSite === undefined && till.siteId === undefined && siteGroup));
  const match = pattern !== undefined ? new RegExp(pattern).exec(hostname) : null;
  if (needsPattern && !match) {
    const variables =
      envSite === undefined && till.siteId === undefined
        ? `$${TILL_ID_VARIABLE} and $${SITE_ID_VARIABLE}`
        : `$${TILL_ID_VARIABLE}`;
    return {
      ok: false,
      problem: `till.tillIdFromHostname: this till's host name "${hostname}" does not match ${pattern}. Rename the till to fit the pattern, fix the pattern, or set ${variables} for this till.`,
    };
  }
  const groups = match?.groups ?? {};

  let tillId: string;
  let tillFrom: IdSource;
  if (envTill !== undefined) [tillId, tillFrom] = [envTill, `$${TILL_ID_VARIABLE}`];
  else if (till.tillId !== undefined) [tillId, tillFrom] = [till.tillId, 'till.tillId'];
  else {
    const fromHost = groups.till;
    if (!fromHost)
      return {
        ok: false,
        problem: `till.tillIdFromHostname: this till's host name "${hostname}" matches ${pattern} but its (?<till>…) group is empty. Fix the pattern, or set $${TILL_ID_VARIABLE} for this till.`,
      };
    if (fromHost.length > MAX_ID)
      return {
        ok: false,
        problem: `till.tillIdFromHostname: this till's host name "${hostname}" gives the till id "${fromHost}", longer than ${MAX_ID} characters. Fix the pattern, or set $${TILL_ID_VARIABLE} for this till.`,
      };
    [tillId, tillFrom] = [fromHost, 'till.tillIdFromHostname'];
  }

  let siteId: string;
  let siteFrom: IdSource;
  const siteFromHost = siteGroup && match ? groups.site : undefined;
  if (envSite !== undefined) [siteId, siteFrom] = [envSite, `$${SITE_ID_VARIABLE}`];
  else if (siteFromHost) {
    if (siteFromHost.length > MAX_ID)
      return {
        ok: false,
        problem: `till.tillIdFromHostname: this till's host name "${hostname}" gives the site id "${siteFromHost}", longer than ${MAX_ID} characters. Fix the pattern, or set $${SITE_ID_VARIABLE} for this till.`,
      };
    // Both given and different: the till would book its sales under the wrong site.
    if (till.siteId !== undefined && till.siteId !== siteFromHost)
      return {
        ok: false,
        problem: `till.siteId: is "${till.siteId}" but this till's host name "${hostname}" gives "${siteFromHost}" by till.tillIdFromHostname. Fix one of them, or set $${SITE_ID_VARIABLE} for this till.`,
      };
    [siteId, siteFrom] = [siteFromHost, 'till.tillIdFromHostname'];
  } else if (till.siteId !== undefined) [siteId, siteFrom] = [till.siteId, 'till.siteId'];
  else
    return {
      ok: false,
      problem: `till.tillIdFromHostname: this till's host name "${hostname}" gives no site id (its (?<site>…) group is empty). Fix the pattern, give till.siteId, or set $${SITE_ID_VARIABLE} for this till.`,
    };

  return { ok: true, value: { ids: { siteId, tillId }, siteFrom, tillFrom, hostname } };
}

/** "siteId S001, tillId T03 (from till.tillIdFromHostname)", as check-config says it. */
export function describeTill(resolution: TillResolution): string {
  const { ids, siteFrom, tillFrom } = resolution;
  if (siteFrom === tillFrom) return `siteId ${ids.siteId}, tillId ${ids.tillId} (from ${tillFrom})`;
  if (siteFrom === 'till.siteId' && tillFrom === 'till.tillId')
    return `siteId ${ids.siteId}, tillId ${ids.tillId} (from till.siteId and till.tillId)`;
  return `siteId ${ids.siteId} (from ${siteFrom}), tillId ${ids.tillId} (from ${tillFrom})`;
}
