// The "flavour" of ACME's tickets: which services get which kinds of tickets, what they are called, who works
// on them. Structural facts (offerings, support hours, subscriptions, calendars) are read from the YAML in
// examples/acme; only what the YAML cannot say lives here.

/** Where people open tickets from: New York time, except the Berlin team. */
export const HOME_ZONE = 'America/New_York';
export const CONSUMER_ZONES = { 'berlin-rnd': 'Europe/Berlin' };

/** Share of each ticket type among primary tickets (problems and some changes are derived from incidents). */
export const TYPE_MIX = [
  ['incident', 0.55],
  ['request', 0.34],
  ['change', 0.075],
  ['problem', 0.035],
];

/** Priority mix per ticket type (ITIL impact x urgency; most work is moderate or low). */
export const PRIORITY_MIX = {
  incident: [['P1', 0.02], ['P2', 0.1], ['P3', 0.58], ['P4', 0.3]],
  request: [['P1', 0.005], ['P2', 0.04], ['P3', 0.56], ['P4', 0.395]],
  change: [['P1', 0.03], ['P2', 0.2], ['P3', 0.55], ['P4', 0.22]],
  problem: [['P1', 0.05], ['P2', 0.25], ['P3', 0.5], ['P4', 0.2]],
};

/** Teams and the people who work their tickets (actor names as the ITSM tool records them). */
export const TEAMS = {
  desk: ['r.adams', 'k.osei', 'm.chen', 'l.fischer', 'd.nguyen', 's.ibrahim', 't.morgan', 'e.kowalski', 'j.ortiz'],
  network: ['p.raman', 't.nowak', 'b.schultz', 'a.haddad'],
  infra: ['m.webb', 'a.bello', 'c.young', 'r.silva'],
  iam: ['d.okafor', 'y.tanaka', 'f.costa'],
  workplace: ['h.lee', 'l.romero', 'k.brennan', 's.novak'],
  sap: ['k.vogel', 'j.becker', 'm.schmidt', 'a.yilmaz', 'l.hoffmann'],
  euc: ['s.patel', 'g.alvarez', 'n.wright', 'i.petrov'],
  bizapps: ['o.grant', 'p.dubois'],
};

/** People named in request titles ("Standard laptop for ..."). */
export const PEOPLE = [
  'A. Alvarez', 'B. Chen', 'C. Okonkwo', 'D. Fischer', 'E. Novak', 'F. Haddad', 'G. Rossi', 'H. Tanaka', 'I. Petrova',
  'J. Murphy', 'K. Schmidt', 'L. Nguyen', 'M. Kowalski', 'N. Patel', 'O. Brennan', 'P. Dubois', 'Q. Li', 'R. Silva',
  'S. Yilmaz', 'T. Andersen', 'U. Weber', 'V. Ivanova', 'W. Jackson', 'X. Zhou', 'Y. Cohen', 'Z. Hoffmann',
];

/**
 * Per service: its team, how often each ticket type lands on it (relative weights), whether generated
 * incidents may record outages and generated changes maintenance windows, and title pools.
 * `vpn` has neither: its availability figures come only from the hand-written story tickets, so that tests
 * can pin them.
 */
export const SERVICES = {
  network: {
    vendor: 'Cisco TAC',
    team: 'network',
    weights: { incident: 9, request: 3, change: 14, problem: 12 },
    outages: true,
    maintenance: true,
    incidents: [
      'Wi-Fi drops every few minutes on floor 12',
      'No network on desk ports in meeting room 4B',
      'Slow internet access from the Newark plant',
      'SD-WAN link to Berlin flapping',
      'Guest Wi-Fi portal does not load',
      'Packet loss on the warehouse scanners VLAN',
      'Switch stack in IDF-7 unreachable',
      'Cannot reach supplier portal through the proxy',
    ],
    changes: [
      'Upgrade core switch firmware',
      'Replace Wi-Fi access points on floor 12',
      'Add second SD-WAN circuit at the Newark plant',
      'Firewall policy clean-up (quarterly)',
      'Renew the perimeter firewall TLS inspection certificate',
      'Re-cable IDF-3 patch panels',
    ],
    problems: [
      'Recurring Wi-Fi disconnects on high-density floors',
      'SD-WAN failover does not trigger on packet loss',
      'Intermittent DHCP relay timeouts at Newark',
    ],
  },
  dns: {
    vendor: 'Infoblox support',
    team: 'network',
    weights: { incident: 2, request: 3, change: 5, problem: 4 },
    outages: true,
    maintenance: true,
    incidents: [
      'Internal names do not resolve from the Berlin office',
      'Laptops get no IP address on floor 3',
      'Public website record points to the old host',
      'Slow name resolution for SaaS applications',
    ],
    changes: ['Upgrade Infoblox grid members', 'Enable DNSSEC on acme.example', 'Migrate DHCP scopes of the Newark plant'],
    problems: ['Stale DNS records left by decommissioned servers', 'DHCP scope exhaustion on guest Wi-Fi'],
  },
  storage: {
    vendor: 'NetApp support',
    team: 'infra',
    weights: { incident: 2, request: 3, change: 6, problem: 5 },
    outages: true,
    maintenance: true,
    incidents: [
      'File share S: is very slow',
      'Cannot save to the Finance share: access denied',
      'Department share reports disk full',
      'Snapshot restore of a folder fails',
    ],
    changes: ['Expand NetApp aggregate', 'Upgrade ONTAP on the New York cluster', 'Migrate engineering share to new volume'],
    problems: ['Latency spikes on the NetApp cluster during backup', 'Quota alerts not sent to share owners'],
  },
  hosting: {
    vendor: 'VMware support',
    team: 'infra',
    weights: { incident: 3, request: 3, change: 9, problem: 6 },
    outages: true,
    maintenance: true,
    incidents: [
      'Virtual machine not responding',
      'Application server out of memory',
      'VM console unavailable in vCenter',
      'Scheduled task failed on batch server',
      'Disk full on database server',
    ],
    changes: [
      'Monthly Windows Server patching',
      'Monthly RHEL patching',
      'Upgrade vCenter',
      'Add ESXi host to the production cluster',
      'Decommission legacy file servers',
    ],
    problems: ['Hosts lose storage paths after firmware update', 'Memory ballooning on the ERP application servers'],
  },
  backup: {
    vendor: 'the backup vendor',
    team: 'infra',
    weights: { incident: 2, request: 2, change: 4, problem: 4 },
    outages: true,
    maintenance: true,
    incidents: [
      'Nightly backup of file servers failed',
      'Microsoft 365 backup job stuck',
      'Backup of the ERP database exceeded its window',
      'Restore of a mailbox fails with an error',
    ],
    changes: ['Upgrade backup software', 'Rotate immutable vault encryption keys', 'Add ERP log backups every 15 minutes'],
    problems: ['Backup jobs overrun the nightly window', 'Mailbox restores fail for archived items'],
  },
  identity: {
    vendor: 'Microsoft support',
    team: 'iam',
    weights: { incident: 9, request: 20, change: 6, problem: 8 },
    outages: true,
    maintenance: true,
    incidents: [
      'Account locked out after password change',
      'Single sign-on fails for the expense application',
      'MFA push notifications not arriving',
      'New starter cannot log on',
      'Password self-service portal returns an error',
      'Group membership not applied after approval',
    ],
    changes: [
      'Rotate SAML signing certificate',
      'Enforce phishing-resistant MFA for administrators',
      'Upgrade Entra Connect sync',
      'Add conditional access policy for unmanaged devices',
    ],
    problems: ['Intermittent SSO failures after token refresh', 'Account lockouts caused by old mobile mail profiles'],
  },
  vpn: {
    vendor: 'Palo Alto support',
    team: 'network',
    weights: { incident: 7, request: 6, change: 3, problem: 3 },
    outages: false,
    maintenance: false,
    incidents: [
      'VPN connects but no internal sites load',
      'VPN disconnects every hour',
      'Cannot connect to VPN from hotel Wi-Fi',
      'VPN client fails posture check',
      'Slow file access over VPN',
    ],
    changes: ['Update GlobalProtect client to the current release', 'Add split tunnelling for Teams media'],
    problems: ['VPN tunnels drop on networks with small MTU'],
  },
  email: {
    vendor: 'Microsoft support',
    team: 'workplace',
    weights: { incident: 12, request: 8, change: 4, problem: 7 },
    outages: true,
    maintenance: false,
    incidents: [
      'Outlook keeps asking for the password',
      'Emails to a customer domain bounce',
      'Shared mailbox not showing in Outlook',
      'Calendar invitations not received',
      'Phishing email reported by several users',
      'Mailbox full and cannot send',
      'Delayed delivery of external emails',
    ],
    changes: ['Tighten DMARC policy to reject', 'Migrate distribution lists to Microsoft 365 groups', 'Update transport rules for disclaimers'],
    problems: ['Outlook profile corruption after Office updates', 'External mail delayed by greylisting at partner domains'],
  },
  collaboration: {
    vendor: 'Microsoft support',
    team: 'workplace',
    weights: { incident: 10, request: 8, change: 4, problem: 5 },
    outages: true,
    maintenance: false,
    incidents: [
      'Teams meetings drop audio',
      'SharePoint site returns access denied',
      'OneDrive not syncing',
      'Cannot share files with an external partner',
      'Teams channel messages missing',
      'Screen sharing freezes in Teams meetings',
    ],
    changes: ['Enable sensitivity labels for Teams', 'Retire classic SharePoint sites', 'Update Teams meeting policies'],
    problems: ['OneDrive sync stalls on long file paths', 'Teams audio quality poor on the Newark plant network'],
  },
  telephony: {
    vendor: 'the carrier',
    team: 'workplace',
    weights: { incident: 4, request: 5, change: 3, problem: 3 },
    outages: true,
    maintenance: true,
    incidents: [
      'Cannot make outbound calls',
      'Customer hotline queue not ringing agents',
      'Desk phone shows no service',
      'Voicemail not delivered to email',
      'Call quality poor on Teams Phone',
    ],
    changes: ['Port remaining Newark numbers to the SIP trunk', 'Update hunt groups for the fourth-quarter season'],
    problems: ['Calls drop after 30 minutes on the SIP trunk'],
  },
  erp: {
    vendor: 'SAP support',
    team: 'sap',
    weights: { incident: 8, request: 8, change: 10, problem: 9 },
    outages: true,
    maintenance: true,
    incidents: [
      'SAP GUI logon fails with a certificate error',
      'Purchase order approval workflow stuck',
      'MRP run did not complete',
      'Invoice posting terminates with a short dump',
      'Goods receipt screen very slow',
      'Month-end close job failed',
      'Printing of delivery notes fails',
    ],
    changes: [
      'Apply SAP support package stack',
      'Transport of new pricing conditions to production',
      'Kernel upgrade of the production system',
      'Add new company code for ACME GmbH',
      'Refresh the quality system from production',
    ],
    problems: ['Short dumps in invoice posting under high load', 'MRP runtime grows every month', 'Workflow items lost after system restart'],
  },
  'hr-system': {
    vendor: 'SAP support',
    team: 'sap',
    weights: { incident: 4, request: 4, change: 3, problem: 3 },
    outages: true,
    maintenance: false,
    incidents: [
      'Payroll interface file not generated',
      'Leave request cannot be approved',
      'Employee profile shows wrong manager',
      'SuccessFactors login loops back to the start page',
    ],
    changes: ['Activate new performance review template', 'Update payroll interface for 2027 tax tables'],
    problems: ['Manager hierarchy sync fails for transferred employees'],
  },
  crm: {
    vendor: 'Salesforce support',
    team: 'bizapps',
    weights: { incident: 0, request: 0, change: 5, problem: 0 },
    outages: false,
    maintenance: false,
    incidents: [],
    changes: [
      'Configure opportunity stages in the sandbox',
      'Data migration rehearsal of customer accounts',
      'Set up single sign-on for Salesforce',
      'Integrate CRM with ERP price lists (build)',
    ],
    problems: [],
  },
  'service-desk': {
    vendor: 'the ITSM tool vendor',
    team: 'desk',
    weights: { incident: 2, request: 0, change: 2, problem: 2 },
    outages: true,
    maintenance: false,
    incidents: ['IT portal does not load', 'Service desk phone line busy signal', 'Chat with the service desk not connecting'],
    changes: ['Update IT portal knowledge articles', 'Add chat bot for password questions'],
    problems: ['Portal slow during Monday-morning peaks'],
  },
  laptops: {
    vendor: 'Dell support',
    team: 'euc',
    weights: { incident: 18, request: 25, change: 4, problem: 6 },
    outages: false,
    maintenance: false,
    incidents: [
      'Laptop will not boot',
      'Blue screen after Windows update',
      'Battery drains within an hour',
      'Docking station does not detect monitors',
      'BitLocker recovery key requested at startup',
      'Keyboard keys unresponsive',
      'Laptop very slow since last week',
      'Webcam not working in meetings',
    ],
    changes: ['Deploy Windows feature update to pilot group', 'Roll out new docking station firmware', 'Update Intune compliance policies'],
    problems: ['Docking stations lose displays after sleep', 'BitLocker recovery prompts after BIOS updates'],
  },
  'mobile-devices': {
    vendor: 'the carrier',
    team: 'euc',
    weights: { incident: 5, request: 10, change: 2, problem: 2 },
    outages: false,
    maintenance: false,
    incidents: ['Company phone not receiving email', 'Smartphone screen broken', 'Mobile data not working abroad', 'Authenticator app lost after phone reset'],
    changes: ['Enrol devices in the new MDM profile', 'Block outdated iOS versions'],
    problems: ['Mail app stops syncing after iOS updates'],
  },
  printing: {
    vendor: 'the print vendor',
    team: 'euc',
    weights: { incident: 8, request: 3, change: 2, problem: 3 },
    outages: true,
    maintenance: false,
    incidents: [
      'Printer on floor 6 shows paper jam',
      'Follow-me print jobs not released',
      'Scan to email not arriving',
      'Printer prints blank pages',
      'Cannot add printer on Mac',
    ],
    changes: ['Firmware update of all multifunction printers', 'Replace printers in the Newark warehouse'],
    problems: ['Print server queue stalls every few days'],
  },
};

/** Notes the agents leave, by situation. */
export const NOTES = {
  awaitingCustomer: [
    'Asked the user for a screenshot of the error',
    'Waiting for the user to be available for a remote session',
    'Asked the requester for manager approval',
    'Waiting for the user to confirm the fix',
    'Need the asset tag of the device',
  ],
  // {vendor} is replaced by the service's vendor.
  awaitingVendor: ['Case opened with {vendor}', 'Waiting for a fix from {vendor}', 'Escalated to {vendor}', 'Replacement part ordered through {vendor}'],
  onHold: ['Waiting for stock', 'Scheduled with the user for next week', 'Blocked by a pending change', 'On hold until the freeze period ends'],
  resumed: {
    'awaiting-customer': ['User replied', 'User confirmed a time', 'Approval received'],
    'awaiting-vendor': ['{Vendor} provided a fix', 'Part arrived', '{Vendor} answered'],
    'on-hold': ['Resuming work', 'Stock arrived', 'Blocking change implemented'],
  },
  resolvedIncident: [
    'Restarted the service',
    'Reset the user profile',
    'Applied the documented workaround',
    'Replaced the faulty hardware',
    'Corrected the configuration',
    'Cleared the cache and re-synchronised',
  ],
  resolvedRequest: ['Delivered to the requester', 'Access granted', 'Completed as requested', 'Handed over at the service desk'],
  resolvedProblem: ['Known error documented with a permanent workaround', 'Vendor patch applied', 'Configuration corrected at the source'],
  resolvedProblemByChange: 'Root cause fixed by the related change',
  resolvedChange: ['Implemented successfully', 'Implemented; post-implementation review done', 'Implemented with minor deviations'],
  reopened: ['User reports the issue is back', 'Fix did not hold', 'Requester says the delivery is incomplete'],
  escalated: ['Escalated: the whole team is affected', 'Escalated: affects a customer deadline', 'Escalated by the duty manager'],
  deescalated: ['Workaround in place; impact reduced', 'Only one user affected after all'],
  cancelledIncident: ['Duplicate of an existing incident', 'Raised in error'],
  cancelledRequest: ['Withdrawn by the requester', 'Not approved by the manager'],
  rejectedChange: ['Rejected by CAB: insufficient back-out plan', 'Withdrawn: superseded by another change'],
  cab: ['Approved by CAB', 'Approved by the emergency CAB'],
  closed: ['Closed automatically three days after resolution', 'Confirmed by the user'],
  outage: ['Service restored', 'Failover completed; service restored'],
};
