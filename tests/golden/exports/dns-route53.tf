# DNS records planned for Fernleaf Coffee, as Terraform for Route 53.
# Set each zone's id variable from the DNS host's dashboard.
# Records whose value comes from a provider's dashboard are commented out: fill them in, then uncomment.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "fernleafcoffee_com_zone_id" {
  description = "Route 53 hosted zone id of fernleafcoffee.com."
  type        = string
}

# Return-Path: Postmark verifies this CNAME and publishes SPF and the bounce MX behind it, so no TXT record goes here.
resource "aws_route53_record" "fernleafcoffee_com_bounce_receipts_cname" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "bounce.receipts.fernleafcoffee.com"
  type    = "CNAME"
  ttl     = 3600
  records = ["pm.mtasv.net"]
}

# The From domain sends no envelope mail itself; this stops others using it as a Return-Path.
resource "aws_route53_record" "fernleafcoffee_com_receipts_txt" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "receipts.fernleafcoffee.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=spf1 -all"]
}

# Branded link tracking: links point at your own domain instead of the provider's shared one.
resource "aws_route53_record" "fernleafcoffee_com_links_flows_cname" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "links.flows.fernleafcoffee.com"
  type    = "CNAME"
  ttl     = 3600
  records = ["sendgrid.net"]
}

# The From domain sends no envelope mail itself; this stops others using it as a Return-Path.
resource "aws_route53_record" "fernleafcoffee_com_flows_txt" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "flows.fernleafcoffee.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=spf1 -all"]
}

# SPF for the bounce (Return-Path) domain: authorises ip4:203.0.113.10, ip4:203.0.113.11, include:amazonses.com and fails everything else.
resource "aws_route53_record" "fernleafcoffee_com_bounce_mail_txt" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "bounce.mail.fernleafcoffee.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 include:amazonses.com -all"]
}

# SES custom MAIL FROM: bounces and complaints come back to SES through this MX.
resource "aws_route53_record" "fernleafcoffee_com_bounce_mail_mx" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "bounce.mail.fernleafcoffee.com"
  type    = "MX"
  ttl     = 3600
  records = ["10 feedback-smtp.us-east-1.amazonses.com"]
}

# Branded link tracking: links point at your own domain instead of the provider's shared one.
resource "aws_route53_record" "fernleafcoffee_com_links_mail_cname" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "links.mail.fernleafcoffee.com"
  type    = "CNAME"
  ttl     = 3600
  records = ["r.us-east-1.awstrack.me"]
}

# The From domain sends no envelope mail itself; this stops others using it as a Return-Path.
resource "aws_route53_record" "fernleafcoffee_com_mail_txt" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "mail.fernleafcoffee.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=spf1 -all"]
}

# DMARC policy for fernleafcoffee.com and every subdomain without its own, at the rollout's current stage; the goal is p=reject.
resource "aws_route53_record" "fernleafcoffee_com_dmarc_txt" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "_dmarc.fernleafcoffee.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=DMARC1; p=none; rua=mailto:dmarc-reports@fernleafcoffee.com"]
}

# MTA-STS (RFC 8461): tells senders to require TLS when delivering to you. The id changes whenever the policy does.
resource "aws_route53_record" "fernleafcoffee_com_mta_sts_txt" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "_mta-sts.fernleafcoffee.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=STSv1; id=d3cba0be"]
}

# TLS reporting (RFC 8460): daily reports of TLS failures delivering to you.
resource "aws_route53_record" "fernleafcoffee_com_smtp_tls_txt" {
  zone_id = var.fernleafcoffee_com_zone_id
  name    = "_smtp._tls.fernleafcoffee.com"
  type    = "TXT"
  ttl     = 3600
  records = ["v=TLSRPTv1; rua=mailto:tls-reports@fernleafcoffee.com"]
}

# DKIM public key for d=receipts.fernleafcoffee.com, under the selector Postmark picks when the domain is added (a date ending in pm); enter that selector on the lane, or publish the key under the name Postmark shows.
# To fill in from the provider's dashboard, then uncomment:
# resource "aws_route53_record" "fernleafcoffee_com_date_pm_domainkey_receipts_txt" {
#   zone_id = var.fernleafcoffee_com_zone_id
#   name    = "<date>pm._domainkey.receipts.fernleafcoffee.com"
#   type    = "TXT"
#   ttl     = 3600
#   records = ["v=DKIM1; k=rsa; p=<public key>"]
# }

# Return-Path: SendGrid verifies this CNAME and publishes SPF and the bounce MX behind it, so no TXT record goes here. Copy the target from its domain authentication page.
# To fill in from the provider's dashboard, then uncomment:
# resource "aws_route53_record" "fernleafcoffee_com_bounce_flows_cname" {
#   zone_id = var.fernleafcoffee_com_zone_id
#   name    = "bounce.flows.fernleafcoffee.com"
#   type    = "CNAME"
#   ttl     = 3600
#   records = ["u<account>.wl<id>.sendgrid.net"]
# }

# DKIM key held by SendGrid; copy the account-specific target from the domain authentication page.
# To fill in from the provider's dashboard, then uncomment:
# resource "aws_route53_record" "fernleafcoffee_com_s1_domainkey_flows_cname" {
#   zone_id = var.fernleafcoffee_com_zone_id
#   name    = "s1._domainkey.flows.fernleafcoffee.com"
#   type    = "CNAME"
#   ttl     = 3600
#   records = ["s1.domainkey.u<account>.wl<id>.sendgrid.net"]
# }

# SendGrid's second DKIM key, which it rotates to; copy the target from the domain authentication page.
# To fill in from the provider's dashboard, then uncomment:
# resource "aws_route53_record" "fernleafcoffee_com_s2_domainkey_flows_cname" {
#   zone_id = var.fernleafcoffee_com_zone_id
#   name    = "s2._domainkey.flows.fernleafcoffee.com"
#   type    = "CNAME"
#   ttl     = 3600
#   records = ["s2.domainkey.u<account>.wl<id>.sendgrid.net"]
# }

# SendGrid link branding's ownership record: the name starts with the account's user id, which the link branding page shows.
# To fill in from the provider's dashboard, then uncomment:
# resource "aws_route53_record" "fernleafcoffee_com_user_id_flows_cname" {
#   zone_id = var.fernleafcoffee_com_zone_id
#   name    = "<user id>.flows.fernleafcoffee.com"
#   type    = "CNAME"
#   ttl     = 3600
#   records = ["sendgrid.net"]
# }

# Easy DKIM: the first of the three CNAMEs SES shows; copy its token in place of <token1>.
# To fill in from the provider's dashboard, then uncomment:
# resource "aws_route53_record" "fernleafcoffee_com_token1_domainkey_mail_cname" {
#   zone_id = var.fernleafcoffee_com_zone_id
#   name    = "<token1>._domainkey.mail.fernleafcoffee.com"
#   type    = "CNAME"
#   ttl     = 3600
#   records = ["<token1>.dkim.amazonses.com"]
# }

# Easy DKIM: the second of the three CNAMEs SES shows; copy its token in place of <token2>.
# To fill in from the provider's dashboard, then uncomment:
# resource "aws_route53_record" "fernleafcoffee_com_token2_domainkey_mail_cname" {
#   zone_id = var.fernleafcoffee_com_zone_id
#   name    = "<token2>._domainkey.mail.fernleafcoffee.com"
#   type    = "CNAME"
#   ttl     = 3600
#   records = ["<token2>.dkim.amazonses.com"]
# }

# Easy DKIM: the third of the three CNAMEs SES shows; copy its token in place of <token3>.
# To fill in from the provider's dashboard, then uncomment:
# resource "aws_route53_record" "fernleafcoffee_com_token3_domainkey_mail_cname" {
#   zone_id = var.fernleafcoffee_com_zone_id
#   name    = "<token3>._domainkey.mail.fernleafcoffee.com"
#   type    = "CNAME"
#   ttl     = 3600
#   records = ["<token3>.dkim.amazonses.com"]
# }

# Serves the policy at https://mta-sts.fernleafcoffee.com/.well-known/mta-sts.txt; point it at your web host.
# To fill in from the provider's dashboard, then uncomment:
# resource "aws_route53_record" "fernleafcoffee_com_mta_sts_cname" {
#   zone_id = var.fernleafcoffee_com_zone_id
#   name    = "mta-sts.fernleafcoffee.com"
#   type    = "CNAME"
#   ttl     = 3600
#   records = ["<host serving the policy over HTTPS>"]
# }
