"""Trunk post-build hook: puts the SHA-256 of every inline <script> of the
staged index.html into its Content-Security-Policy, replacing the
CSP_SCRIPT_HASHES marker. Without it the policy would need 'unsafe-inline'."""

import base64
import hashlib
import os
import re
import sys

page = os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
with open(page, encoding="utf-8") as f:
    html = f.read()

if "CSP_SCRIPT_HASHES" not in html:
    sys.exit("index.html has no CSP_SCRIPT_HASHES marker in its Content-Security-Policy")

inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    for body in inline
)
html = html.replace("CSP_SCRIPT_HASHES", hashes)
with open(page, "w", encoding="utf-8") as f:
    f.write(html)
print("csp_hashes: %d inline script(s) hashed" % len(inline))
