#!/usr/bin/env bash
# Regenerates the server's adoption fixture (server/src/test/resources/adoption/): a sessions folder in the
# first user's layout, written by the real Baileys of their version (@whiskeysockets/baileys@7.0.0-rc.9),
# and the state file of the one simulator all its devices are linked to.
#
#   sessions/account_prod_<hash>/   30 accounts, each paired with the simulator by make-baileys-auth-dir.mjs
#                                   (pairing, a login, Signal sessions with a contact, group sender keys,
#                                   app-state files), one simulator phone per account
#   sessions/account_prod_unpaired/ creds.json that Baileys wrote at first start and never linked
#   sessions/account_prod_corrupt/  a copy of one account whose creds.json was cut short (a crash mid-write)
#   simulator-state.json            root key, the 30 phones and their linked devices
#
# Pruned to keep the fixture small (about 30 x 810 files otherwise): each account keeps only the
# one-time pre-key files with id <= KEEP_PRE_KEYS, and the simulator state keeps the same ids per device.
# Nothing at login depends on the others; a contact that fetched a pruned pre-key would cost one retry.
#
# Needs the simulator jar and the rc.9 npm project:
#   ./mvnw -B -pl simulator -am package -DskipTests
#   (cd conformance && npm ci --ignore-scripts) && (cd conformance/baileys-rc9 && npm ci --ignore-scripts)
#   conformance/scripts/make-server-adoption-fixture.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$here/../../server/src/test/resources/adoption"
accounts="${ACCOUNTS:-30}"
keep_pre_keys="${KEEP_PRE_KEYS:-20}"
# WORK keeps the folders made so far, so a run that failed half way (a timeout on a busy machine) resumes.
work="${WORK:-$(mktemp -d)}"

state="$work/simulator-state.json"
mkdir -p "$work/sessions" "$work/made"
for i in $(seq 1 "$accounts"); do
  if [ -e "$work/done-$i" ]; then continue; fi
  for attempt in 1 2 3; do
    # A failed attempt may leave its phone in the simulator's state: the retry links another number.
    phone="+1555$(( 300 + attempt - 1 ))$(printf '%04d' "$i")"
    id="account_prod_$(printf '%s' "$phone" | sha256sum | cut -c1-12)"
    rm -rf "$work/made/$id" "$work/made/$id".*
    if node "$here/make-baileys-auth-dir.mjs" --baileys rc9 --out "$work/made/$id" --state-file "$state" --phone "$phone" >/dev/null; then
      mv "$work/made/$id" "$work/sessions/$id"
      touch "$work/done-$i"
      echo "$id <- $phone" >&2
      break
    fi
    echo "attempt $attempt for account $i failed; retrying" >&2
  done
  [ -e "$work/done-$i" ] || { echo "account $i failed three times; WORK=$work resumes" >&2; exit 1; }
done

# Baileys' own fresh credentials, saved at first start and never paired (no me.id).
rm -rf "$work/sessions/account_prod_unpaired" "$work/sessions/account_prod_corrupt"
node --input-type=module -e "
  import { pathToFileURL } from 'node:url';
  const lib = await import(pathToFileURL('$here/../baileys-rc9/node_modules/@whiskeysockets/baileys/lib/index.js').href);
  const { saveCreds } = await lib.useMultiFileAuthState('$work/sessions/account_prod_unpaired');
  await saveCreds();
"

first="$(ls "$work/sessions" | grep -v unpaired | head -1)"
cp -r "$work/sessions/$first" "$work/sessions/account_prod_corrupt"
creds="$work/sessions/account_prod_corrupt/creds.json"
head -c "$(( $(wc -c < "$creds") / 2 ))" "$creds" > "$creds.cut" && mv "$creds.cut" "$creds"

find "$work/sessions" -name 'pre-key-*.json' | awk -F'pre-key-' -v keep="$keep_pre_keys" '{ n = $NF; sub(/\.json$/, "", n); if (n + 0 > keep) print }' \
  | xargs -r rm
node -e "
  const fs = require('node:fs');
  const state = JSON.parse(fs.readFileSync('$state', 'utf8'));
  for (const device of state.devices) device.preKeys = device.preKeys.filter(k => k.id <= $keep_pre_keys);
  fs.writeFileSync('$state', JSON.stringify(state, null, 1) + '\n');
"

rm -rf "$target"
mkdir -p "$target"
cp -r "$work/sessions" "$target/sessions"
cp "$state" "$target/simulator-state.json"
[ -n "${WORK:-}" ] || rm -rf "$work"
echo "fixture written to $target" >&2
