// One queue per till, at start-up, before anything opens the data folder: a user's folder from
// an earlier install is taken over into the machine-wide one; a folder that was taken over is
// never used again; a till user the machine-wide folder leaves out is told so. In the
// machine-wide folder the vault key is kept by the folder's permissions, not by one user's OS
// keychain, which the next user to log in could not open.
import {
  dataFolderModes,
  describeDataDir,
  hostEnvironment,
  isMachineDataDir,
  machineDataDir,
  takenOverBy,
  takeOverUserDataFolder,
  tightenDataFolder,
  userDataDir,
  type Environment,
  type KeyProtector,
  type LoadedConfig,
} from '../agent';

export interface PreparedFolder {
  loaded: LoadedConfig;
  keyProtector?: KeyProtector;
  /** For IT: beside the diagnostics, and in the log. */
  warnings: string[];
  /** For the log. */
  notes: string[];
}

export function prepareDataFolder(
  loaded: LoadedConfig,
  keyProtector: KeyProtector | undefined,
  where: { env?: Environment; machine?: string } = {},
): PreparedFolder {
  const e = where.env ?? hostEnvironment();
  const machine = where.machine ?? machineDataDir(e);
  const warnings: string[] = [];
  const notes: string[] = [];
  let dataDir = loaded.dataDir;
  const chosenByDefault = !loaded.overrides.includes('dataDir') && loaded.config.dataDir === undefined;
  if (!loaded.demo && machine && isMachineDataDir(dataDir, e, machine)) {
    const outcome = takeOverUserDataFolder({ from: userDataDir(e), to: dataDir, keyProtector });
    dataDir = outcome.dataDir;
    if (outcome.message) notes.push(outcome.message);
    if (outcome.warning) warnings.push(outcome.warning);
  } else if (!loaded.demo && chosenByDefault) {
    const choice = describeDataDir(e, machine);
    if (choice.kind === 'user' && choice.warning) warnings.push(choice.warning);
  }
  const takenBy = takenOverBy(dataDir);
  if (takenBy)
    throw new Error(
      `The data folder ${dataDir} was taken over by ${takenBy}, this till's one queue, and is not used again. ${
        chosenByDefault
          ? `This user cannot write to ${takenBy}: ${e.platform === 'win32' ? 'give the till users modify access to it' : 'add this user to the till-agent group (sudo usermod -aG till-agent <user>) and log in again'}.`
          : 'Remove dataDir (or --data-dir) naming it.'
      }`,
    );
  // Files made here are the till group's too, where the folder is the group's (see dataFolderModes).
  if (dataFolderModes(dataDir).shared) process.umask(0o007);
  // Owner-only (the till group's too, in its shared folder), whatever an older version or a umask
  // left; the machine-wide folder's own mode is IT's (the deb makes it 2770), so only what it holds.
  const tightened = tightenDataFolder(dataDir, {
    folderItself: !(machine && isMachineDataDir(dataDir, e, machine)),
  });
  if (tightened.length)
    notes.push(`The data folder was made owner-only where it was wider: ${tightened.join(', ')}`);
  return {
    loaded: dataDir === loaded.dataDir ? loaded : { ...loaded, dataDir },
    keyProtector: machine && isMachineDataDir(dataDir, e, machine) ? undefined : keyProtector,
    warnings,
    notes,
  };
}
