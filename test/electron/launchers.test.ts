// The command line on an installed till, as far as it runs here: the Linux launcher
// (/usr/bin/till-agent) run for real with Node standing in for the app binary, so what the app
// would print, read and exit with passes through it; the deb's after-install run against a
// folder standing in for / (it links the launcher and makes the machine-wide data folder); and
// the Windows pieces (till-agent.cmd, the NSIS steps) checked as text, and compiled with makensis
// where it is installed.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLI_COMMANDS } from '../../main/electron/cli';
import { repoRoot } from '../helpers/cli';

const execFileAsync = promisify(execFile);
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');
const isRoot = process.getuid?.() === 0;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-launchers-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Stands in for /opt/Till Agent/till-agent: records how it was started, then does what the app
 * does (main/electron/cli.ts): after Chromium's switches, a command is answered by the shared
 * command line (here the Node build of it), anything else would open the desktop app.
 */
const FAKE_APP = `
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_APP_LOG, JSON.stringify(args) + '\\n');
const first = args.findIndex((a) => !a.startsWith('-'));
const commands = ${JSON.stringify(CLI_COMMANDS)};
if (first < 0 || !commands.includes(args[first])) {
  console.log('desktop app');
  process.exit(0);
}
const r = spawnSync(process.execPath, [${JSON.stringify(path.join(repoRoot, 'scripts', 'agent.mjs'))}, ...args.slice(first)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
`;

/** /opt/Till Agent as the deb lays it out, under `root`, with the fake app in place of Electron. */
function installApp(root: string): string {
  const appDir = path.join(root, 'opt', 'Till Agent');
  fs.mkdirSync(path.join(appDir, 'resources', 'bin'), { recursive: true });
  fs.mkdirSync(path.join(appDir, 'resources', 'udev'), { recursive: true });
  fs.writeFileSync(path.join(appDir, 'fake-app.mjs'), FAKE_APP);
  fs.writeFileSync(
    path.join(appDir, 'till-agent'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} "$(dirname "$0")/fake-app.mjs" "$@"\n`,
    { mode: 0o755 },
  );
  fs.copyFileSync(
    path.join(repoRoot, 'resources/linux/till-agent'),
    path.join(appDir, 'resources/bin/till-agent'),
  );
  fs.copyFileSync(
    path.join(repoRoot, 'resources/linux/60-till-agent-scanners.rules'),
    path.join(appDir, 'resources/udev/60-till-agent-scanners.rules'),
  );
  return appDir;
}

function runCommand(
  file: string,
  args: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const appStarts = (log: string): string[][] =>
  fs
    .readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string[]);

describe('the Linux launcher, /usr/bin/till-agent', () => {
  let link: string;
  let log: string;
  beforeEach(() => {
    const appDir = installApp(dir);
    fs.mkdirSync(path.join(dir, 'usr', 'bin'), { recursive: true });
    link = path.join(dir, 'usr', 'bin', 'till-agent');
    fs.symlinkSync(path.join(appDir, 'resources', 'bin', 'till-agent'), link);
    log = path.join(dir, 'app-starts.log');
  });

  it('has the app answer a command with no display, and passes its output and exit code through', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ closeWaitMs: 'soon' }));
    const r = await runCommand(link, ['check-config', bad], { env: { FAKE_APP_LOG: log } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('closeWaitMs: expected a number, got the text "soon"\n');
    expect(appStarts(log)).toEqual([
      [
        ...(isRoot
          ? ['--ozone-platform=headless', '--disable-gpu', '--no-sandbox']
          : ['--ozone-platform=headless', '--disable-gpu']),
        'check-config',
        bad,
      ],
    ]);

    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, '{}');
    expect(await runCommand(link, ['check-config', good], { env: { FAKE_APP_LOG: log } })).toMatchObject({
      code: 0,
      stdout: `${good}: valid\n`,
    });
  });

  it('passes standard input through (hash-pin), and a wrong command exits 2', async () => {
    const pin = await runCommand(link, ['hash-pin'], { stdin: '483921\n', env: { FAKE_APP_LOG: log } });
    expect(pin.code, pin.stderr).toBe(0);
    expect(pin.stdout.trim()).toMatch(/^scrypt\$/);
    const usage = await runCommand(link, ['diagnose', '--no-such-flag'], { env: { FAKE_APP_LOG: log } });
    expect(usage.code).toBe(2);
  });

  it('opens the desktop app, unchanged, for anything else', async () => {
    expect(await runCommand(link, [], { env: { FAKE_APP_LOG: log } })).toMatchObject({
      code: 0,
      stdout: 'desktop app\n',
    });
    await runCommand(link, ['--demo', '--data-dir', '/tmp/x'], { env: { FAKE_APP_LOG: log } });
    expect(appStarts(log)).toEqual([[], ['--demo', '--data-dir', '/tmp/x']]);
  });

  it('routes exactly the commands the app answers', () => {
    const routed = /case "\$\{1-\}" in\n\s+(.+)\)/.exec(read('resources/linux/till-agent'))![1]!;
    expect(
      routed
        .split('|')
        .map((c) => c.trim())
        .sort(),
    ).toEqual([...CLI_COMMANDS].sort());
    expect(fs.statSync(path.join(repoRoot, 'resources/linux/till-agent')).mode & 0o111).not.toBe(0);
  });
});

describe("the deb's after-install, run against a stand-in /", () => {
  const builder = parseYaml(read('electron-builder.yml')) as {
    linux: { extraResources: Array<{ from: string; to: string }> };
    win: { extraFiles: Array<{ from: string; to: string }> };
    deb: { afterInstall: string };
  };
  /** As electron-builder fills in the template. */
  const afterInstall = () =>
    read(builder.deb.afterInstall)
      .replaceAll('${sanitizedProductName}', 'Till Agent')
      .replaceAll('${executable}', 'till-agent');

  let root: string;
  let stubs: string;
  let calls: string;
  let group: string;
  beforeEach(async () => {
    root = path.join(dir, 'root');
    installApp(root);
    // The system-wide steps are recorded, not done: no alternatives (so the plain link is made),
    // no group to add (getent finds it), no udev, no AppArmor, no desktop databases.
    stubs = path.join(dir, 'stubs');
    calls = path.join(dir, 'calls.log');
    fs.mkdirSync(stubs);
    const stub = (name: string, code: number) =>
      fs.writeFileSync(path.join(stubs, name), `#!/bin/sh\necho "${name} $*" >> "${calls}"\nexit ${code}\n`, {
        mode: 0o755,
      });
    stub('update-alternatives', 1);
    for (const name of ['getent', 'udevadm', 'update-mime-database', 'update-desktop-database'])
      stub(name, 0);
    for (const name of ['groupadd', 'addgroup', 'apparmor_status', 'apparmor_parser']) stub(name, 1);
    group = (await execFileAsync('id', ['-gn'])).stdout.trim();
  });

  const runAfterInstall = async () => {
    const file = path.join(dir, 'after-install.sh');
    fs.writeFileSync(file, afterInstall());
    fs.mkdirSync(path.join(root, 'usr', 'bin'), { recursive: true });
    return execFileAsync('bash', [file, 'configure'], {
      env: {
        ...process.env,
        PATH: `${stubs}:${process.env.PATH}`,
        TILL_AGENT_TEST_ROOT: root,
        TILL_AGENT_TEST_GROUP: group,
      },
    });
  };

  it('links the launcher as till-agent, which then answers a command through the app', async () => {
    await runAfterInstall();
    const link = path.join(root, 'usr', 'bin', 'till-agent');
    expect(fs.readlinkSync(link)).toBe(
      path.join(root, 'opt', 'Till Agent', 'resources', 'bin', 'till-agent'),
    );
    expect(fs.readFileSync(calls, 'utf8')).toContain(
      `update-alternatives --install ${link} till-agent ${path.join(root, 'opt/Till Agent/resources/bin/till-agent')} 100`,
    );
    const r = await runCommand(link, ['config-schema'], {
      env: { FAKE_APP_LOG: path.join(dir, 'starts.log') },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'object' });
    // The package ships the launcher where the script looks for it.
    expect(builder.linux.extraResources).toContainEqual({
      from: 'resources/linux/till-agent',
      to: 'bin/till-agent',
    });
  });

  it("makes /var/lib/till-agent the group's own (2770), once: IT's later changes are kept", async () => {
    await runAfterInstall();
    const data = path.join(root, 'var', 'lib', 'till-agent');
    const stat = fs.statSync(data);
    expect(stat.mode & 0o7777).toBe(0o2770);
    expect(stat.gid).toBe(process.getgid!());
    fs.chmodSync(data, 0o2750);
    await runAfterInstall();
    expect(fs.statSync(data).mode & 0o7777).toBe(0o2750);
  });
});

describe('Windows: till-agent.cmd and the NSIS steps', () => {
  const builder = parseYaml(read('electron-builder.yml')) as {
    win: { extraFiles: Array<{ from: string; to: string }> };
  };
  const cmd = read('resources/windows/till-agent.cmd');
  const nsh = read('resources/installer.nsh');

  it('till-agent.cmd sits beside the exe, runs it with every argument, and returns its exit code', () => {
    expect(builder.win.extraFiles).toContainEqual({
      from: 'resources/windows/till-agent.cmd',
      to: 'till-agent.cmd',
    });
    // cmd.exe reads batch files line by line with CRLF; a bare LF can break labels.
    expect(cmd.replace(/\r\n/g, '')).not.toContain('\n');
    expect(cmd.startsWith('@echo off\r\n')).toBe(true);
    expect(cmd).toContain('set "TILL_AGENT_EXE=%~dp0Till Agent.exe"');
    expect(cmd).toContain('"%TILL_AGENT_EXE%" %*\r\nexit /b %ERRORLEVEL%');
    // Electron prints to the console it attaches to; nothing may stop it attaching.
    expect(cmd).toContain('set "ELECTRON_NO_ATTACH_CONSOLE="');
    expect(cmd).not.toMatch(/ELECTRON_RUN_AS_NODE/);
    // Comments are REM lines free of characters cmd.exe could take for redirections.
    for (const line of cmd.split('\r\n').filter((l) => /^rem\b/i.test(l))) expect(line).not.toMatch(/[|<>&]/);
  });

  it('till-agent.cmd asks for the PIN itself and pipes it, digits only, to hash-pin', () => {
    const hashPin = cmd.slice(cmd.indexOf(':hashpin'));
    expect(cmd).toContain('if /i "%~1"=="hash-pin" goto hashpin');
    expect(hashPin).toContain('set /p "TILL_AGENT_PIN=');
    expect(hashPin).toContain(
      'for %%d in (0 1 2 3 4 5 6 7 8 9) do set "TILL_AGENT_REST=!TILL_AGENT_REST:%%d=!"',
    );
    expect(hashPin).toContain('if defined TILL_AGENT_REST goto badpin');
    // 6 to 12 digits, as hash-pin itself insists: the 6th character must be there, a 13th must not.
    expect(hashPin).toContain('if "!TILL_AGENT_PIN:~5,1!"=="" goto badpin');
    expect(hashPin).toContain('if not "!TILL_AGENT_PIN:~12!"=="" goto badpin');
    expect(hashPin).toContain('echo A new manager PIN is 6 to 12 digits.');
    expect(hashPin).toContain('echo %TILL_AGENT_PIN%| "%TILL_AGENT_EXE%" hash-pin');
  });

  it('the installer makes the machine-wide data folder once, for SYSTEM, Administrators and Users', () => {
    const folder = nsh.slice(
      nsh.indexOf('!macro TILL_AGENT_DATA_FOLDER'),
      nsh.indexOf('!macro customInstall'),
    );
    expect(folder).toContain('${IfNot} ${FileExists} "$R0\\TillAgent\\data\\*.*"');
    expect(folder).toContain(
      'icacls "$R0\\TillAgent\\data" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)M',
    );
    const install = nsh.slice(nsh.indexOf('!macro customInstall'));
    // Before the /CONFIG step, which may quit the installer early with exit code 2.
    expect(install.indexOf('!insertmacro TILL_AGENT_DATA_FOLDER')).toBeLessThan(install.indexOf('/CONFIG='));
    expect(install.indexOf('!insertmacro TILL_AGENT_MACHINE_PATH ADD ""')).toBeLessThan(
      install.indexOf('/CONFIG='),
    );
  });

  it('/CONFIG: Administrators take ownership of the config folder (and a config.json in it) before its ACL is set; any step failing stops with exit code 2 before the copy', () => {
    const step = nsh.slice(
      nsh.indexOf('${GetOptions} $R7 "/CONFIG="'),
      nsh.indexOf('!macro customUnInstall'),
    );
    const at = (text: string) => {
      expect(step).toContain(text);
      return step.indexOf(text);
    };
    const ownFolder = at(`nsExec::Exec 'takeown /F "$R9\\TillAgent" /A'`);
    const ownFile = at(`nsExec::Exec 'takeown /F "$R9\\TillAgent\\config.json" /A'`);
    const resetFile = at(`nsExec::Exec 'icacls "$R9\\TillAgent\\config.json" /reset'`);
    const acl = at(
      `nsExec::Exec 'icacls "$R9\\TillAgent" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'`,
    );
    const copy = at('CopyFiles /SILENT "$R8" "$R9\\TillAgent\\config.json"');
    expect(at('CreateDirectory "$R9\\TillAgent"')).toBeLessThan(ownFolder);
    expect(ownFolder).toBeLessThan(ownFile);
    expect(ownFile).toBeLessThan(resetFile);
    expect(resetFile).toBeLessThan(acl);
    expect(acl).toBeLessThan(copy);
    // Each exit code is looked at: not 0 says so in the log and quits with 2, before the copy.
    for (const exec of [ownFolder, ownFile, resetFile, acl]) {
      const after = step.slice(exec);
      const checked = after.slice(0, after.indexOf('${EndIf}'));
      expect(checked).toMatch(
        /^nsExec::Exec '[^\n]+'\n\s+Pop \$R7\n\s+\$\{If\} \$R7 != 0\n\s+DetailPrint "Till Agent: could not [^"]+"\n\s+SetErrorLevel 2\n\s+Quit\n\s+$/,
      );
    }
  });

  it('puts the install folder on the machine PATH and takes it off on uninstall, never writing back a PATH cut short', () => {
    const pathMacro = nsh.slice(
      nsh.indexOf('!macro TILL_AGENT_MACHINE_PATH'),
      nsh.indexOf('!macro TILL_AGENT_DATA_FOLDER'),
    );
    expect(pathMacro).toContain('ReadRegStr $R0 HKLM "${TILL_AGENT_ENV_KEY}" "Path"');
    expect(pathMacro).toMatch(
      /\$\{If\} \$\{Errors\}\n\s+\$\{OrIf\} \$R0 == ""\n\s+\$\{OrIf\} \$R1 >= \$\{NSIS_MAX_STRLEN\}/,
    );
    expect(pathMacro).toContain('WriteRegExpandStr HKLM "${TILL_AGENT_ENV_KEY}" "Path" "$R0"');
    expect(pathMacro).toContain('SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment"');
    expect(nsh).toContain(
      '!define TILL_AGENT_ENV_KEY "SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment"',
    );
    expect(nsh.slice(nsh.indexOf('!macro customUnInstall'))).toContain(
      '!insertmacro TILL_AGENT_MACHINE_PATH REMOVE "un."',
    );
  });

  const makensis = ['/usr/bin/makensis', '/usr/local/bin/makensis'].find((f) => fs.existsSync(f));
  it.skipIf(!makensis)(
    'compiles with makensis, warnings as errors, in the installer and the uninstaller',
    async () => {
      const include = path.join(repoRoot, 'resources', 'installer.nsh');
      const installer = path.join(dir, 'installer.nsi');
      fs.writeFileSync(
        installer,
        [
          'Unicode true',
          'Name "Till Agent"',
          `OutFile "${path.join(dir, 'installer.exe')}"`,
          'RequestExecutionLevel admin',
          `!include "${include}"`,
          'Section "install"',
          '  !insertmacro customInstall',
          'SectionEnd',
        ].join('\n'),
      );
      // electron-builder builds the uninstaller apart, with BUILD_UNINSTALLER defined.
      const uninstaller = path.join(dir, 'uninstaller.nsi');
      fs.writeFileSync(
        uninstaller,
        [
          '!define BUILD_UNINSTALLER',
          'Unicode true',
          'Name "Till Agent"',
          `OutFile "${path.join(dir, 'uninstaller-writer.exe')}"`,
          'RequestExecutionLevel admin',
          `!include "${include}"`,
          'Section "install"',
          `  WriteUninstaller "$TEMP\\uninstall.exe"`,
          'SectionEnd',
          'Section "un.Uninstall"',
          '  !insertmacro customUnInstall',
          'SectionEnd',
        ].join('\n'),
      );
      for (const script of [installer, uninstaller]) await execFileAsync(makensis!, ['-WX', '-V2', script]);
    },
  );
});
