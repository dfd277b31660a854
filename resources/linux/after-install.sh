#!/bin/bash
# Till Agent deb: after install and after upgrade (dpkg runs this as root: "postinst configure").
#
# A template: when the package is built, electron-builder replaces ${executable} (till-agent) and
# ${sanitizedProductName} (Till Agent). No other dollar-brace names may appear in this file, or
# the build stops; shell variables below are written $LIKE_THIS.
#
# 1. What electron-builder's own after-install does (this file replaces it): the till-agent
#    command, the Chromium sandbox helper, the desktop databases, the AppArmor profile. The
#    till-agent command is Till Agent's launcher (resources/bin/till-agent), not the app itself:
#    it opens the app, or has it answer a command line (docs/installing.md, "Command line").
# 2. Till Agent: the till-agent group, the scanner udev rule, /etc/till-agent, and the
#    machine-wide data folder /var/lib/till-agent (the till's one queue, for every till user).
#
# Tests run it against a folder standing in for / ($TILL_AGENT_TEST_ROOT) with a group of their
# own ($TILL_AGENT_TEST_GROUP); dpkg sets neither.

APP_DIR='/opt/${sanitizedProductName}'
EXECUTABLE='${executable}'
ROOT=$TILL_AGENT_TEST_ROOT
if [ -n "$ROOT" ]; then
    APP_DIR="$ROOT$APP_DIR"
fi
LAUNCHER="$APP_DIR/resources/bin/$EXECUTABLE"

# --- 1. electron-builder's standard steps -------------------------------------------------

chmod 0755 "$LAUNCHER" || true
if type update-alternatives >/dev/null 2>&1; then
    # An older plain symlink is replaced by the alternatives one.
    if [ -L "$ROOT/usr/bin/$EXECUTABLE" ] && [ -e "$ROOT/usr/bin/$EXECUTABLE" ] && [ "$(readlink "$ROOT/usr/bin/$EXECUTABLE")" != "/etc/alternatives/$EXECUTABLE" ]; then
        rm -f "$ROOT/usr/bin/$EXECUTABLE"
    fi
    # Versions before the launcher pointed the command at the app itself.
    update-alternatives --remove "$EXECUTABLE" "$APP_DIR/$EXECUTABLE" >/dev/null 2>&1 || true
    update-alternatives --install "$ROOT/usr/bin/$EXECUTABLE" "$EXECUTABLE" "$LAUNCHER" 100 \
        || ln -sf "$LAUNCHER" "$ROOT/usr/bin/$EXECUTABLE"
else
    ln -sf "$LAUNCHER" "$ROOT/usr/bin/$EXECUTABLE"
fi

# The SUID sandbox helper only where the kernel offers no user namespaces.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; } 2>/dev/null; then
    chmod 4755 "$APP_DIR/chrome-sandbox" || true
else
    chmod 0755 "$APP_DIR/chrome-sandbox" || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database "$ROOT/usr/share/mime" || true
fi
if hash update-desktop-database 2>/dev/null; then
    update-desktop-database "$ROOT/usr/share/applications" || true
fi

# AppArmor profile (Ubuntu 24.04 and later restrict user namespaces without one), only where
# this AppArmor understands it, and not loaded live inside a chroot (image builds).
if apparmor_status --enabled >/dev/null 2>&1; then
    APPARMOR_PROFILE_SOURCE="$APP_DIR/resources/apparmor-profile"
    APPARMOR_PROFILE_TARGET="$ROOT/etc/apparmor.d/$EXECUTABLE"
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
RULES_DIR="$ROOT/usr/lib/udev/rules.d"
CONFIG_DIR="$ROOT/etc/till-agent"
DATA_DIR="$ROOT/var/lib/till-agent"
if [ -n "$TILL_AGENT_TEST_GROUP" ]; then
    GROUP=$TILL_AGENT_TEST_GROUP
fi

# The group that may read the scanners and the machine-wide config. Members are added by IT:
#   sudo usermod -aG till-agent <till user>
if ! getent group "$GROUP" >/dev/null 2>&1; then
    groupadd --system "$GROUP" || addgroup --system "$GROUP" \
        || echo "Till Agent: could not create the $GROUP group" >&2
fi

# The scanner rule, where packages put theirs; IT's own copy in /etc/udev/rules.d wins.
install -D -m 0644 -o root -g root "$APP_DIR/resources/udev/$RULE" "$RULES_DIR/$RULE" \
    || echo "Till Agent: could not install the scanner rule $RULES_DIR/$RULE" >&2
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

# The machine-wide data folder: the till's one queue, whichever till user logs in (the agent
# uses it when it is there and the user may write it, and takes over a user's folder from an
# earlier install once). The group's only: setgid, so files made in it stay the group's, and
# the agent makes them group read-write. Made once: IT's changes to it are kept on upgrades.
if [ ! -d "$DATA_DIR" ]; then
    install -d -m 2770 -g "$GROUP" "$DATA_DIR" \
        || echo "Till Agent: could not create the data folder $DATA_DIR" >&2
    # install leaves out the setgid bit on some systems; chmod sets it for sure.
    chmod 2770 "$DATA_DIR" || true
fi

exit 0
