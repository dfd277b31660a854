// The tray icon: green when Centegra Plus answers, grey otherwise, so a glance at the taskbar
// says whether gift cards work. Its menu is the only way to quit (closing the window hides it).
import path from 'node:path';
import type { Menu, NativeImage, Tray } from 'electron';
import type { CentegraLink } from '../agent';

export interface TrayDeps {
  Tray: new (image: NativeImage) => Tray;
  Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  nativeImage: { createFromPath(path: string): NativeImage };
}

export interface StatusTrayOptions {
  /** The folder with tray-online.png and tray-offline.png. */
  iconDir: string;
  onShow(): void;
  onQuit(): void;
}

export interface StatusTray {
  showLink(link: Pick<CentegraLink, 'state'>): void;
  destroy(): void;
}

export function trayTooltip(link: Pick<CentegraLink, 'state'>): string {
  return link.state === 'ONLINE' ? 'Till Agent — Online' : `Till Agent — Offline: ${link.state}`;
}

export function trayIconFile(iconDir: string, link: Pick<CentegraLink, 'state'>): string {
  return path.join(iconDir, link.state === 'ONLINE' ? 'tray-online.png' : 'tray-offline.png');
}

/** Starts offline (grey) until the first health answer or `centegra` event says otherwise. */
export function createStatusTray(deps: TrayDeps, options: StatusTrayOptions): StatusTray {
  const images = new Map<string, NativeImage>();
  const image = (file: string) => {
    let img = images.get(file);
    if (!img) {
      img = deps.nativeImage.createFromPath(file);
      images.set(file, img);
    }
    return img;
  };
  const initial = { state: 'OFFLINE' } as const;
  const tray = new deps.Tray(image(trayIconFile(options.iconDir, initial)));
  tray.setToolTip(trayTooltip(initial));
  tray.setContextMenu(
    deps.Menu.buildFromTemplate([
      { label: 'Show Till Agent', click: () => options.onShow() },
      { type: 'separator' },
      { label: 'Quit Till Agent', click: () => options.onQuit() },
    ]),
  );
  tray.on('click', () => options.onShow());
  let current: string = initial.state;
  return {
    showLink(link) {
      if (tray.isDestroyed() || link.state === current) return;
      current = link.state;
      tray.setImage(image(trayIconFile(options.iconDir, link)));
      tray.setToolTip(trayTooltip(link));
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
