#!/usr/bin/env bash
# Print the path of a working Python 3.10 (Rasa 3.6 supports nothing newer), or explain and fail.
for candidate in python3.10 "$(command -v pyenv >/dev/null && pyenv root)"/versions/3.10.*/bin/python3.10 \
                 "$HOME"/.pyenv/versions/3.10.*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
  if "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
echo "No working Python 3.10 found: looked for python3.10 on PATH and under \$(pyenv root)/versions/3.10.*." >&2
echo "Install it (e.g. 'pyenv install 3.10.13') and run make again." >&2
exit 1
