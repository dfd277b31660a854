#!/bin/bash
# Till Agent deb: after remove, purge, and the old version's half of an upgrade (dpkg runs this
# as root: "postrm remove|purge|upgrade|failed-upgrade|abort-install|abort-upgrade|disappear").
#
# A template like after-install.sh: electron-builder replaces ${executable} and
# ${sanitizedProductName}; no other dollar-brace names may appear here.

APP_DIR='/opt/${sanitizedProductName}'
EXECUTABLE='${executable}'

# --- electron-builder's standard steps (as its own after-remove) ----------------------------
# On an upgrade the new version's after-install puts both back straight away.

if type update-alternatives >/dev/null 2>&1; then
    # The launcher, and the app itself as versions before the launcher named it.
    update-alternatives --remove "$EXECUTABLE" "$APP_DIR/resources/bin/$EXECUTABLE" || true
    update-alternatives --remove "$EXECUTABLE" "$APP_DIR/$EXECUTABLE" >/dev/null 2>&1 || true
else
    rm -f "/usr/bin/$EXECUTABLE"
fi

APPARMOR_PROFILE_DEST="/etc/apparmor.d/$EXECUTABLE"
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
    if apparmor_status --enabled >/dev/null 2>&1; then
        if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
            apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
        fi
    fi
    rm -f "$APPARMOR_PROFILE_DEST"
fi

# --- Till Agent -----------------------------------------------------------------------------

case "$1" in
    remove|purge)
        rm -f /usr/lib/udev/rules.d/60-till-agent-scanners.rules
        if command -v udevadm >/dev/null 2>&1; then
            udevadm control --reload-rules || true
        fi
        # Kept on purpose, even on purge:
        # - /etc/till-agent: IT's machine-wide config (delete it by hand if it is no longer wanted);
        # - the till-agent group: files and udev copies may still name it;
        # - the data folder /var/lib/till-agent, and each user's (~/.local/share/till-agent) from
        #   before it: they may hold sales not yet sent.
        ;;
esac

exit 0
