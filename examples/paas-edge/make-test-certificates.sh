#!/usr/bin/env bash
# Makes self-signed certificates for the example's HTTPS names in ./certs, for trying the
# edge out on one machine. Real deployments put the pairs their ACME client renews there.
# Nothing here is committed: the private keys are made on your machine.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p certs
for name in shop.example.com api.example.com blogs.example.com static.example.com; do
  san="DNS:$name"
  [[ $name == shop.example.com ]] && san="$san,DNS:www.shop.example.com"
  [[ $name == blogs.example.com ]] && san="DNS:*.blogs.example.com"
  mkdir -p "certs/$name"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj "/CN=$name" -addext "subjectAltName=$san" \
    -keyout "certs/$name/.$name.key.tmp" -out "certs/$name/.$name.crt.tmp" 2>/dev/null
  # Renamed into place (names starting with a dot are ignored by torii-pki), so the
  # connector never reads a half-written pair.
  mv "certs/$name/.$name.key.tmp" "certs/$name/$name.key"
  mv "certs/$name/.$name.crt.tmp" "certs/$name/$name.crt"
  echo "certs/$name/$name.crt ($san)"
done
