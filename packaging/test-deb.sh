#!/usr/bin/env bash
# Installs a Harbor .deb with apt (resolving its Depends), launches /usr/bin/harbor under Xvfb, checks the window
# is not blank, then removes the package and checks nothing is left in /usr. Run as root.
# Usage: packaging/test-deb.sh dist/harbor_*.deb      Needs: apt, xvfb-run, ImageMagick.
set -euo pipefail
deb=$(realpath "$1")
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$deb" >/dev/null
test -x /usr/bin/harbor
/usr/bin/harbor --version
# The shipped policy is a conffile and sets nothing; --show-policy reads it without error.
dpkg-query -W -f='${Conffiles}' harbor | grep -q '/etc/harbor/policy.json' || { echo "FAIL: policy.json is not a conffile"; exit 1; }
/usr/bin/harbor --show-policy | grep -q 'Read: /etc/harbor/policy.json' || { echo "FAIL: --show-policy"; exit 1; }
desktop-file-validate /usr/share/applications/org.harborapp.Harbor.desktop 2>/dev/null || true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
HOME=$work xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    /usr/bin/harbor --data-dir "$0/data" & pid=$!
    sleep 5
    import -window root "$0/shot.png"
    kill $pid; wait $pid 2>/dev/null || true' "$work"
colours=$(identify -format '%k' "$work/shot.png")
echo "installed app window: $colours distinct colours"
[ "$colours" -gt 50 ] || { echo "FAIL: the window looks blank"; exit 1; }
apt-get remove -y -qq harbor >/dev/null
if [ -e /usr/bin/harbor ] || [ -e /usr/share/applications/org.harborapp.Harbor.desktop ]; then
    echo "FAIL: files left after removal"; exit 1
fi
# dpkg keeps an administrator's policy after remove, and deletes it on purge.
test -e /etc/harbor/policy.json || { echo "FAIL: remove deleted the policy conffile"; exit 1; }
apt-get purge -y -qq harbor >/dev/null
test ! -e /etc/harbor/policy.json || { echo "FAIL: purge left the policy"; exit 1; }
echo "PASS: installed, launched, removed cleanly"
