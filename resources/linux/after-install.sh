#!/bin/bash
# Till Agent deb: after install and after upgrade (dpkg runs this as root: "postinst configure").
#
# A template: when the package is built, electron-builder replaces ${executable} (till-agent) and
# ${sanitizedProductName} (Till Agent). No other dollar-brace names may appear in this file, or
# the build stops; shell variables below are written $LIKE_THIS.
#
# 1. What electron-builder's own after-install does (this file replaces it): the till-agent
#    command, the Chromium sandbox helper, the desktop databases, the AppArmor profile.
# 2. Till Agent: the till-agent group, the scanner udev rule, /etc/till-agent.

APP_DIR='/opt/${sanitizedProductName}'
EXECUTABLE='${executable}'

# --- 1. electron-builder's standard steps -------------------------------------------------

if type update-alternatives >/dev/null 2>&1; then
    # An older plain symlink is replaced by the alternatives one.
    if [ -L "/usr/bin/$EXECUTABLE" ] && [ -e "/usr/bin/$EXECUTABLE" ] && [ "$(readlink "/usr/bin/$EXECUTABLE")" != "/etc/alternatives/$EXECUTABLE" ]; then
        rm -f "/usr/bin/$EXECUTABLE"
    fi
    update-alternatives --install "/usr/bin/$EXECUTABLE" "$EXECUTABLE" "$APP_DIR/$EXECUTABLE" 100 \
        || ln -sf "$APP_DIR/$EXECUTABLE" "/usr/bin/$EXECUTABLE"
else
    ln -sf "$APP_DIR/$EXECUTABLE" "/usr/bin/$EXECUTABLE"
fi

# The SUID sandbox helper only where the kernel offers no user namespaces.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; } 2>/dev/null; then
    chmod 4755 "$APP_DIR/chrome-sandbox" || true
else
    chmod 0755 "$APP_DIR/chrome-sandbox" || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi
if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# AppArmor profile (Ubuntu 24.04 and later restrict user namespaces without one), only where
# this AppArmor understands it, and not loaded live inside a chroot (image builds).
if apparmor_status --enabled >/dev/null 2>&1; then
    APPARMOR_PROFILE_SOURCE="$APP_DIR/resources/apparmor-profile"
    APPARMOR_PROFILE_TARGET="/etc/apparmor.d/$EXECUTABLE"
    if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" >/dev/null 2>&1; then
        cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"
        if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
            apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
        fi
    else
        echo "Till Agent: this AppArmor does not support the bundled profile; skipped."
    fi
fi

# --- 2. Till Agent -------------------------------------------------------------------------

GROUP=till-agent
RULE=60-till-agent-scanners.rules
CONFIG_DIR=/etc/till-agent

# The group that may read the scanners and the machine-wide config. Members are added by IT:
#   sudo usermod -aG till-agent <till user>
if ! getent group "$GROUP" >/dev/null 2>&1; then
    groupadd --system "$GROUP" || addgroup --system "$GROUP" \
        || echo "Till Agent: could not create the $GROUP group" >&2
fi

# The scanner rule, where packages put theirs; IT's own copy in /etc/udev/rules.d wins.
install -D -m 0644 -o root -g root "$APP_DIR/resources/udev/$RULE" "/usr/lib/udev/rules.d/$RULE" \
    || echo "Till Agent: could not install the scanner rule /usr/lib/udev/rules.d/$RULE" >&2
if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules || true
    # Scanners already plugged in get the new group and mode now, not at the next replug.
    udevadm trigger --action=add --subsystem-match=hidraw --subsystem-match=tty || true
fi

# The machine-wide config folder: root's, readable by the group only, because config.json may
# hold the Centegra API key. A config.json IT dropped there gets the same treatment.
install -d -m 0750 -o root -g "$GROUP" "$CONFIG_DIR"
if [ -f "$CONFIG_DIR/config.json" ]; then
    chown root:"$GROUP" "$CONFIG_DIR/config.json"
    chmod 0640 "$CONFIG_DIR/config.json"
fi

exit 0
