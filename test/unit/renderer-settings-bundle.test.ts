// The support bundle's bytes and name: the agent's base64 decoded exactly (and refused when it is
// not base64, so a damaged answer is never saved as a zip), and a file name safe on any till.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeFilename } from '../../renderer/src/filename';
import { intlFor } from '../../renderer/src/i18n/words';
import { base64ToBytes, safeZipFilename } from '../../renderer/src/settings';

describe('base64ToBytes', () => {
  it('decodes what the agent’s Buffer encodes, byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = Buffer.from(bytes).toString('base64');
        expect(base64ToBytes(encoded)).toEqual(new Uint8Array(bytes));
        // Unpadded, and with line breaks as MIME writes it, too.
        expect(base64ToBytes(encoded.replace(/=+$/, ''))).toEqual(new Uint8Array(bytes));
        expect(base64ToBytes(encoded.replace(/(.{76})/g, '$1\r\n'))).toEqual(new Uint8Array(bytes));
      }),
    );
  });

  it('decodes a zip’s first bytes: PK', () => {
    expect([...(base64ToBytes('UEsDBA==') ?? [])]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(base64ToBytes('')).toEqual(new Uint8Array(0));
  });

  it('refuses what is not base64', () => {
    for (const bad of ['U', 'UEsD*A==', 'UE=sDBA=', 'UEs===', 'UEsDB===', 'UEsDBA=', '{"error":1}', 'UR==']) {
      expect(base64ToBytes(bad), bad).toBeUndefined();
    }
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const bytes = base64ToBytes(text);
        if (bytes)
          expect(Buffer.from(bytes).toString('base64').replace(/=+$/, '')).toBe(
            text.replace(/\s+/g, '').replace(/=+$/, ''),
          );
      }),
    );
  });
});

describe('safeZipFilename', () => {
  it('keeps the agent’s own names as they are', () => {
    expect(safeZipFilename('till-agent-support-0042-3-2025-03-03-14-30-00.zip')).toBe(
      'till-agent-support-0042-3-2025-03-03-14-30-00.zip',
    );
    expect(safeZipFilename('till-agent-support-demo-2025-03-03-14-30-00.zip')).toBe(
      'till-agent-support-demo-2025-03-03-14-30-00.zip',
    );
  });

  it('drops folders and odd characters, and always ends in .zip', () => {
    expect(safeZipFilename('../../etc/bundle.ZIP')).toBe('bundle.zip');
    expect(safeZipFilename('bundle.exe')).toBe('bundle.exe.zip');
    expect(safeZipFilename('')).toBe('till-agent-support.zip');
    expect(safeZipFilename('.zip')).toBe('till-agent-support.zip');
  });

  it('always gives a short, plain, visible name with the extension asked for, stable when applied again', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('zip', 'csv'), (name, ext) => {
        const safe = safeFilename(name, ext, `fallback.${ext}`);
        expect(safe).toMatch(new RegExp(`^[A-Za-z0-9_][A-Za-z0-9._-]*\\.${ext}$`));
        expect(safe.length).toBeLessThanOrEqual(100);
        expect(safe).not.toContain('..');
        expect(safeFilename(safe, ext, `fallback.${ext}`)).toBe(safe);
      }),
    );
  });
});

describe('the bundle saved', () => {
  it('names the file and says what it does not hold, through the catalogue', () => {
    const saved = (language: 'en-GB' | 'cy-GB') =>
      intlFor(language).formatMessage({ id: 'bundle.saved' }, { filename: 'till-agent-support-demo.zip' });
    expect(saved('en-GB')).toBe('Saved till-agent-support-demo.zip. It holds no card number and no secret.');
    expect(saved('cy-GB')).toContain('till-agent-support-demo.zip');
    expect(saved('cy-GB')).not.toBe(saved('en-GB'));
  });
});
