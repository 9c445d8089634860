# Amazon SES v2 setup for Fernleaf Coffee.
# Per lane: a configuration set (dedicated pool, suppression, reputation metrics,
# event destination) and the sending domain's identity with DKIM and MAIL FROM.
# Set var.events_topic_arn to the SNS topic's ARN.
# Deploy in us-east-1: the planned MAIL FROM MX and tracking CNAME name that region.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "events_topic_arn" {
  description = "ARN of the SNS topic that receives the lanes' sending events."
  type        = string
}

# Lane “Promotional” (promotional).
# Move the lane's leased IPs into the pool “promotional” (PutDedicatedIpInPool): 203.0.113.10, 203.0.113.11.
# The lane warms up on the Braze moderate ramp: turn off SES's automatic warm-up (PutAccountDedicatedIpWarmupAttributes) or both ramps apply.
resource "aws_sesv2_dedicated_ip_pool" "promotional" {
  pool_name    = "promotional"
  scaling_mode = "STANDARD"
}

resource "aws_sesv2_configuration_set" "promotional" {
  configuration_set_name = "fernleaf-promotions"
  delivery_options {
    sending_pool_name = aws_sesv2_dedicated_ip_pool.promotional.pool_name
  }
  reputation_options {
    reputation_metrics_enabled = true
  }
  suppression_options {
    suppressed_reasons = ["BOUNCE", "COMPLAINT"]
  }
  tracking_options {
    custom_redirect_domain = "links.mail.fernleafcoffee.com"
  }
}

resource "aws_sesv2_configuration_set_event_destination" "promotional" {
  configuration_set_name = aws_sesv2_configuration_set.promotional.configuration_set_name
  event_destination_name = "lane-events"
  event_destination {
    enabled              = true
    matching_event_types = ["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "DELIVERY_DELAY", "OPEN", "CLICK"]
    sns_destination {
      topic_arn = var.events_topic_arn
    }
  }
}

resource "aws_sesv2_email_identity" "promotional" {
  email_identity         = "mail.fernleafcoffee.com"
  configuration_set_name = aws_sesv2_configuration_set.promotional.configuration_set_name
  dkim_signing_attributes {
    next_signing_key_length = "RSA_2048_BIT"
  }
}

resource "aws_sesv2_email_identity_mail_from_attributes" "promotional" {
  email_identity         = aws_sesv2_email_identity.promotional.email_identity
  behavior_on_mx_failure = "USE_DEFAULT_VALUE"
  mail_from_domain       = "bounce.mail.fernleafcoffee.com"
}
