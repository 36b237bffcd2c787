// Text the docs examples of several rules share, so each rule's docs show only what differs. The
// generated docs/rules.md reads the same as if it were written out in each.

/** The front matter of the small incident most examples use (a SEV3 of the example fixture). */
export const EXAMPLE_INCIDENT = `---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV3
status: investigating
services: [api]
commander: "@carol"
started: 2026-11-02T09:00:00+01:00
---
`;

/** The heading and header rows of the Action Items table in the examples. */
export const EXAMPLE_ACTION_ITEMS = `## Action Items

| ID   | Action                       | Owner  | Due        | Priority | Status |
|------|------------------------------|--------|------------|----------|--------|
`;
