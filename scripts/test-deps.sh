#!/usr/bin/env bash
# System packages the test suite uses: Debian's postgresql (a real database) and chromium (a
# real browser).  Installed when missing and when we may (root with apt); otherwise the tests
# that need them are skipped with a message saying what to install.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${need[*]} (Debian packages) for the test suite"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}") >/tmp/sanctionwatch-test-deps.log 2>&1 \
      || echo "warning: could not install ${need[*]}; see /tmp/sanctionwatch-test-deps.log (tests needing them will be skipped)"
  else
    echo "note: ${need[*]} not installed; tests needing them will be skipped"
  fi
fi
exit 0
