// Windows' owner-only: the icacls arguments that give a per-user data folder its own ACL, run only
// on Windows and only when the agent makes the folder; and the reading of a config file's DACL
// (as `icacls FILE /save` writes it, SDDL with SIDs, whatever the system's language) for
// whether Users, Everyone or Authenticated Users can read it.
import type * as ChildProcess from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const execFileSync = vi.hoisted(() => vi.fn());
vi.mock('node:child_process', async (importOriginal) => ({
  ...(await importOriginal<typeof ChildProcess>()),
  execFileSync,
}));

import { makeDataFolder } from '../../main/agent/files';
import {
  ownerOnlyAclArgs,
  restrictFolderToOwner,
  sddlOfSavedAcl,
  sddlReadableByOthers,
  windowsReadableByOthers,
} from '../../main/agent/windows-acl';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
  execFileSync.mockReset();
});

function onPlatform(platform: NodeJS.Platform) {
  const real = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { ...real, value: platform });
  cleanups.push(() => Object.defineProperty(process, 'platform', real));
}

describe('a per-user data folder on Windows', () => {
  it('is given an ACL of its own: inheritance removed, full control for the user, SYSTEM and Administrators (by SID), inherited inside', () => {
    expect(ownerOnlyAclArgs('C:\\Users\\till1\\AppData\\Local\\TillAgent', 'TILL-07\\till1')).toEqual([
      'C:\\Users\\till1\\AppData\\Local\\TillAgent',
      '/inheritance:r',
      '/grant:r',
      'TILL-07\\till1:(OI)(CI)F',
      '*S-1-5-18:(OI)(CI)F',
      '*S-1-5-32-544:(OI)(CI)F',
      '/q',
    ]);
  });

  it('runs icacls on Windows only, naming the user as DOMAIN\\user', () => {
    const run = vi.fn();
    const env = { USERDOMAIN: 'SHOP', USERNAME: 'till1' };
    expect(restrictFolderToOwner('D:\\till-data', { platform: 'linux', env, run })).toBe(false);
    expect(restrictFolderToOwner('D:\\till-data', { platform: 'darwin', env, run })).toBe(false);
    expect(run).not.toHaveBeenCalled();
    expect(restrictFolderToOwner('D:\\till-data', { platform: 'win32', env, run })).toBe(true);
    expect(run).toHaveBeenCalledExactlyOnceWith('icacls', ownerOnlyAclArgs('D:\\till-data', 'SHOP\\till1'));
  });

  it('a failed icacls stops the start, naming the folder: a folder others could read is not used', () => {
    const run = () => {
      throw new Error('Command failed: icacls (exit 5)');
    };
    expect(() => restrictFolderToOwner('D:\\till-data', { platform: 'win32', env: {}, run })).toThrow(
      /Could not make the data folder D:\\till-data readable by this user only \(icacls: Command failed/,
    );
  });

  it('is restricted when the agent makes it (through child_process.execFileSync), not when it is already there, and never off Windows', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const made = path.join(t.dir, 'new', 'TillAgent');
    onPlatform('win32');
    makeDataFolder(made);
    expect(fs.statSync(made).isDirectory()).toBe(true);
    expect(execFileSync).toHaveBeenCalledTimes(1);
    const [command, args, options] = execFileSync.mock.calls[0]!;
    expect(command).toBe('icacls');
    expect((args as string[]).slice(0, 2)).toEqual([path.resolve(made), '/inheritance:r']);
    expect(options).toMatchObject({ timeout: expect.any(Number), windowsHide: true });
    makeDataFolder(made);
    expect(execFileSync).toHaveBeenCalledTimes(1);
    onPlatform('linux');
    makeDataFolder(path.join(t.dir, 'another'));
    expect(execFileSync).toHaveBeenCalledTimes(1);
  });

  it('a folder icacls could not restrict is not left behind with the ACL it inherited: the next start tries again', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const made = path.join(t.dir, 'new', 'TillAgent');
    const run = () => {
      throw new Error('Command failed: icacls');
    };
    expect(() => makeDataFolder(made, { platform: 'win32', env: {}, run })).toThrow(
      /Could not make the data folder/,
    );
    expect(fs.existsSync(path.join(t.dir, 'new'))).toBe(false);
    makeDataFolder(made, { platform: 'win32', env: {}, run: () => undefined });
    expect(fs.statSync(made).isDirectory()).toBe(true);
  });
});

describe('who can read a config file on Windows (its DACL as SDDL)', () => {
  it.each([
    // %ProgramData%\TillAgent as Windows makes it: Users read and execute, inherited.
    [
      'inherited from ProgramData: Users read (0x1200a9)',
      'D:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)',
      true,
    ],
    ['Users FR', 'D:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;BU)', true],
    ['Everyone generic read', 'D:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;GR;;;WD)', true],
    ['Authenticated Users modify (0x1301bf)', 'D:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;0x1301bf;;;AU)', true],
    ['Users by SID, full control', 'D:PAI(A;;FA;;;SY)(A;;FA;;;S-1-5-32-545)', true],
    ['Everyone by SID, generic all', 'D:(A;;GA;;;S-1-1-0)', true],
    ['Users read data as a specific right (CC = FILE_READ_DATA)', 'D:PAI(A;;CCSWRPLORC;;;BU)', true],
    ['a right this reader does not know counts as readable', 'D:PAI(A;;ZZ;;;BU)', true],
    // As the installer leaves it after IT removed Users (SYSTEM, Administrators, a till group).
    [
      'SYSTEM, Administrators and a named group only',
      'D:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;S-1-5-21-3623811015-3361044348-30300820-1013)',
      false,
    ],
    ['Users may only write (FW)', 'D:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;FW;;;BU)', false],
    ['Users read attributes and permissions only', 'D:PAI(A;;FA;;;BA)(A;;0x120080;;;BU)', false],
    ['inherit-only entries are for what a folder holds', 'D:PAI(A;;FA;;;BA)(A;OICIIO;FA;;;BU)', false],
    ['a deny entry grants nothing', 'D:PAI(A;;FA;;;BA)(D;;FR;;;BU)', false],
  ])('%s', (_what, sddl, readable) => {
    expect(sddlReadableByOthers(sddl)).toBe(readable);
  });

  it('reads the DACL line of an icacls /save file (UTF-16, with or without a byte-order mark)', () => {
    const saved = 'config.json\r\nD:AI(A;ID;FA;;;SY)(A;ID;0x1200a9;;;BU)\r\n';
    expect(sddlOfSavedAcl(Buffer.from(saved, 'utf16le'))).toBe('D:AI(A;ID;FA;;;SY)(A;ID;0x1200a9;;;BU)');
    expect(sddlOfSavedAcl(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(saved, 'utf16le')]))).toBe(
      'D:AI(A;ID;FA;;;SY)(A;ID;0x1200a9;;;BU)',
    );
    expect(sddlOfSavedAcl(Buffer.from('config.json\r\n', 'utf16le'))).toBeUndefined();
  });

  it('asks icacls /save, and says "unknown" (never "no") when icacls fails or says nothing it can read', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const saving = (sddl: string) => (_command: string, args: string[]) =>
      fs.writeFileSync(args[2]!, Buffer.from(`config.json\r\n${sddl}\r\n`, 'utf16le'));
    const file = 'C:\\ProgramData\\TillAgent\\config.json';
    const run = vi.fn(saving('D:AI(A;ID;FA;;;SY)(A;ID;0x1200a9;;;BU)'));
    expect(windowsReadableByOthers(file, { run, tmpdir: t.dir })).toBe('yes');
    expect(run.mock.calls[0]![0]).toBe('icacls');
    expect(run.mock.calls[0]![1]).toEqual([file, '/save', expect.any(String), '/q']);
    expect(
      windowsReadableByOthers(file, { run: saving('D:PAI(A;;FA;;;SY)(A;;FA;;;BA)'), tmpdir: t.dir }),
    ).toBe('no');
    const failing = () => {
      throw new Error('Access is denied.');
    };
    expect(windowsReadableByOthers(file, { run: failing, tmpdir: t.dir })).toBe('unknown');
    expect(windowsReadableByOthers(file, { run: () => undefined, tmpdir: t.dir })).toBe('unknown');
    // The saved ACL is not left behind.
    expect(fs.readdirSync(t.dir)).toEqual([]);
  });
});
