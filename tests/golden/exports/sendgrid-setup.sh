#!/bin/sh
# SendGrid setup for Fernleaf Coffee: the requests of sendgrid-requests.json, in order.
# Needs curl. The API key comes from $SENDGRID_API_KEY and never appears on a command line.
# To resume after a failed step, set SENDGRID_FROM_STEP to its number.
set -eu

: "${SENDGRID_API_KEY:?Set SENDGRID_API_KEY to a SendGrid API key that may manage IPs, subusers, sender authentication and webhooks.}"
: "${SENDGRID_EVENT_WEBHOOK_URL:?Set SENDGRID_EVENT_WEBHOOK_URL to the address Customer.io gives for SendGrid events.}"

from_step=${SENDGRID_FROM_STEP:-1}

umask 077
auth=$(mktemp)
trap 'rm -f "$auth"' EXIT
printf 'Authorization: Bearer %s\n' "$SENDGRID_API_KEY" > "$auth"

json_escape() {
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}

# request STEP METHOD PATH BODY [CURL OPTION...]
request() {
  step=$1 method=$2 path=$3 body=$4
  shift 4
  if [ "$step" -lt "$from_step" ]; then
    return 0
  fi
  printf 'Step %s: %s %s\n' "$step" "$method" "$path" >&2
  out=$(printf '%s' "$body" | curl -sS -w '\n%{http_code}' -X "$method" \
    -H "@$auth" -H 'Content-Type: application/json' "$@" \
    --data-binary @- "https://api.sendgrid.com$path")
  status=$(printf '%s\n' "$out" | tail -n 1)
  printf '%s\n' "$out" | sed '$d'
  case $status in
    2??) ;;
    *)
      printf 'Step %s failed with HTTP %s. Fix the cause, then rerun with SENDGRID_FROM_STEP=%s.\n' \
        "$step" "$status" "$step" >&2
      exit 1
      ;;
  esac
}

# Step 1: The IP pool of Revenue flows: its messages pick it by name, which keeps them on the lane's own IPs.
request 1 POST '/v3/ips/pools' '{"name":"flows"}'

# Step 2: Puts 198.51.100.10 in the flows pool. SendGrid needs the IP's reverse DNS set up first.
request 2 POST '/v3/ips/pools/flows/ips' '{"ip":"198.51.100.10"}'

# Step 3: Authenticates flows.fernleafcoffee.com for Revenue flows: DKIM and the return path, with SendGrid holding the keys.
request 3 POST '/v3/whitelabel/domains' '{"automatic_security":true,"default":false,"domain":"flows.fernleafcoffee.com","subdomain":"bounce"}'

# Step 4: Link branding: the links and opens of Revenue flows go through links.flows.fernleafcoffee.com.
request 4 POST '/v3/whitelabel/links' '{"default":false,"domain":"flows.fernleafcoffee.com","subdomain":"links"}'

# Step 5: Customer.io's SendGrid feedback webhook, so that deliveries, bounces, complaints and unsubscribes reach its reports; opens and clicks are left out, as Customer.io tracks them itself and would count each twice.
request 5 POST '/v3/user/webhooks/event/settings' '{"bounce":true,"click":false,"deferred":true,"delivered":true,"dropped":true,"enabled":true,"group_resubscribe":true,"group_unsubscribe":true,"open":false,"processed":true,"spam_report":true,"unsubscribe":true,"url":"'"$(json_escape "$SENDGRID_EVENT_WEBHOOK_URL")"'"}'
