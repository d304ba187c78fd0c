"""The member lifecycle at HQ (issue 18): points lots (authoritative), tiers that move, benefits
issued on triggers, and the programme settings they read. Jobs that drive them by the calendar
live in hq/jobs, messages to members in hq/messaging."""
