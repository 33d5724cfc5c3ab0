"""Text the demo content is written from: topics, people, places and story templates.

Everything here is fictional. Places and organisations are invented so that no real
council or person is misquoted.
"""

TOPICS = [
    (
        "Digital & technology",
        "Digital services, data, cyber security and the technology behind them.",
    ),
    ("Local government", "Councils, combined authorities and the people who run them."),
    ("Health & social care", "The NHS, integrated care systems and adult social care."),
    ("Procurement", "How the public sector buys: frameworks, contracts and the Procurement Act."),
    ("Workforce", "Pay, recruitment, skills and wellbeing across public services."),
    ("Finance", "Budgets, audit, funding settlements and financial resilience."),
    ("Housing", "Social housing, planning, homelessness and building safety."),
    ("Policing & justice", "Police forces, courts, prisons and probation."),
    ("Net zero & environment", "Decarbonisation, climate adaptation and local energy."),
    ("Education & skills", "Schools, further education and apprenticeships."),
]

STAFF = [
    (
        "Helen Carter",
        "News editor",
        "Public Sector Today",
        "Helen has reported on public services for fifteen years.",
    ),
    (
        "Daniel Okafor",
        "Digital correspondent",
        "Public Sector Today",
        "Daniel covers government technology, data and cyber security.",
    ),
    (
        "Priya Nair",
        "Health and social care reporter",
        "Public Sector Today",
        "Priya writes about the NHS, integrated care and social care.",
    ),
    (
        "Tom Ellison",
        "Local government correspondent",
        "Public Sector Today",
        "Tom follows councils, devolution deals and local elections.",
    ),
    (
        "Sarah Whitfield",
        "Finance editor",
        "Public Sector Today",
        "Sarah covers budgets, audit and public finances.",
    ),
    (
        "James McAllister",
        "Workforce reporter",
        "Public Sector Today",
        "James writes about pay, recruitment and skills.",
    ),
    (
        "Aisha Rahman",
        "Housing reporter",
        "Public Sector Today",
        "Aisha covers housing, planning and building safety.",
    ),
    (
        "Mark Dunning",
        "Policing and justice correspondent",
        "Public Sector Today",
        "Mark reports on police forces, courts and prisons.",
    ),
]

COLUMNISTS = [
    (
        "Dr Fiona Marsh",
        "Chief executive",
        "Association of Local Finance Directors",
        "Fiona led two county councils' finance teams before joining the association.",
        "Trustee of a homelessness charity.",
    ),
    (
        "Raj Mehta",
        "Director of digital",
        "Northmoor Integrated Care Board",
        "Raj has built digital services in the NHS and central government.",
        "",
    ),
    (
        "Claire Donovan",
        "Chair",
        "Institute for Public Procurement",
        "Claire spent twenty years buying for councils and housing associations.",
        "Non-executive director of a procurement software company.",
    ),
    (
        "Professor Alan Price",
        "Professor of public policy",
        "University of Kingsbridge",
        "Alan researches how public services are funded and organised.",
        "",
    ),
    (
        "Nadia Osei",
        "General secretary",
        "Public Services Staff Union",
        "Nadia represents 180,000 people working in local government and health.",
        "",
    ),
    (
        "Gareth Lloyd",
        "Chief constable",
        "Eastbrook Police",
        "Gareth joined the police in 1996 and has led Eastbrook Police since 2022.",
        "",
    ),
]

PLACES = [
    "Northmoor",
    "Ashby Vale",
    "Kingsbridge",
    "Eastbrook",
    "Harlow Cross",
    "Millford",
    "Westerham Downs",
    "Stanmore Fields",
    "Redcastle",
    "Brightwater",
    "Oakhampton Bay",
    "Larkspur",
    "Fenwick",
    "Castleford Heath",
    "Southmere",
    "Thornbury Vale",
]

COUNCIL_KINDS = ["City Council", "County Council", "Borough Council", "District Council"]

HEADLINES = {
    "Digital & technology": [
        "{place} {council} moves 40 services onto a single digital platform",
        "Cyber attack forces {place} {council} to switch off phone lines",
        "Government publishes roadmap for shared data standards across departments",
        "{place} trust replaces paper prescriptions with an app",
        "AI pilot cuts backlog of planning applications in {place} by a third",
        "Councils warned legacy systems leave them exposed to ransomware",
        "New digital identity scheme to let residents prove age online",
        "{place} chooses open-source case management for children's services",
    ],
    "Local government": [
        "{place} {council} issues section 114 notice",
        "Devolution deal hands {place} control of £{money}m skills budget",
        "{place} leader steps down after budget vote defeat",
        "Councils call for multi-year funding settlements",
        "{place} and {place2} agree to share a chief executive",
        "Mayor of {place} sets out plan for a franchised bus network",
        "Local elections: what the results mean for council services",
        "{place} {council} launches review of its governance",
    ],
    "Health & social care": [
        "{place} integrated care board names new chief executive",
        "Waiting lists fall for third month in {place}",
        "Social care providers warn of closures over staffing costs",
        "{place} trust opens community diagnostic centre",
        "NHS England sets targets for virtual wards",
        "{place} council and NHS pool £{money}m for hospital discharge",
        "Care workers in {place} to receive real living wage",
        "Review calls for overhaul of continuing healthcare assessments",
    ],
    "Procurement": [
        "Procurement Act: what changes for contracting authorities",
        "{place} {council} saves £{money}m through joint buying framework",
        "Crown Commercial Service launches new technology framework",
        "Councils told to publish pipeline notices for contracts over £2m",
        "{place} cancels outsourcing contract and brings service in-house",
        "Social value scores to carry more weight in NHS tenders",
        "Small suppliers win larger share of {place} spending",
        "Watchdog criticises single-supplier awards in {place}",
    ],
    "Workforce": [
        "Public sector pay offer of {pct}% rejected by unions",
        "{place} {council} tackles planning officer shortage with apprenticeships",
        "Civil service headcount to fall by 10,000",
        "Four-day week trial extended in {place}",
        "Councils report record vacancies in children's social work",
        "NHS staff survey shows improvement in wellbeing scores",
        "{place} trust recruits 200 nurses from overseas",
        "Graduate scheme aims to attract data scientists into government",
    ],
    "Finance": [
        "{place} {council} faces £{money}m budget gap",
        "Audit backlog: {count} councils still without signed accounts",
        "Council tax to rise by {pct}% in {place}",
        "Spending review: what it means for local services",
        "{place} sells offices to fund transformation programme",
        "Borrowing rules tightened after commercial property losses",
        "Pension fund pooling to save £{money}m a year",
        "Finance directors warn of 'unsustainable' demand pressures",
    ],
    "Housing": [
        "{place} {council} to build 1,200 council homes",
        "Temporary accommodation costs rise by {pct}% in {place}",
        "Building safety regulator approves first high-rise scheme",
        "Planning reforms: councils told to update local plans",
        "{place} housing association fined over damp and mould",
        "Right to buy discounts cut to protect social housing",
        "{place} launches landlord licensing scheme",
        "Homelessness prevention grant to be paid over three years",
    ],
    "Policing & justice": [
        "{place} police recruits 150 neighbourhood officers",
        "Court backlog falls below 60,000 cases",
        "Prison places: government to build two new jails",
        "{place} police and crime commissioner sets precept",
        "Probation service to hire 1,000 trainee officers",
        "Inspectors praise {place} force's response to domestic abuse",
        "Body-worn video to be rolled out to all {place} officers",
        "Youth justice pilot cuts reoffending in {place}",
    ],
    "Net zero & environment": [
        "{place} {council} installs heat pumps in 3,000 council homes",
        "Councils ask for long-term funding to meet net zero targets",
        "{place} opens solar farm to power council buildings",
        "Flood defence scheme approved for {place}",
        "Electric bin lorries join {place} fleet",
        "Public sector decarbonisation scheme reopens for bids",
        "{place} declares nature emergency",
        "Air quality zone extended in {place}",
    ],
    "Education & skills": [
        "{place} {council} warns of special educational needs deficit",
        "Further education colleges to receive capital funding boost",
        "Apprenticeship starts rise in {place}",
        "Teachers' pay award funded in full, says department",
        "{place} schools join trust to share back-office services",
        "Skills bootcamps expanded to {count} more areas",
        "Free school meals auto-enrolment trialled in {place}",
        "Ofsted reforms: report cards replace one-word judgements",
    ],
}

STANDFIRSTS = [
    "The decision follows months of consultation with residents and staff.",
    "Officers say the change will save money and improve services for residents.",
    "Unions and opposition members have raised concerns about the timetable.",
    "It is the latest in a series of changes prompted by rising demand.",
    "The move was approved unanimously at a meeting of the cabinet on Tuesday.",
    "Ministers say the plan will be reviewed after its first year.",
]

PARAGRAPHS = [
    "The plan was approved at a meeting of the full council on Wednesday evening, after a debate that lasted more than two hours.",
    "Officers told members that demand for services had risen faster than funding for the third year running, leaving little room for manoeuvre.",
    'A spokesperson said: "We have listened carefully to residents, staff and partners, and this plan reflects what they told us matters most."',
    "Opposition councillors argued that the timetable was too tight and called for an independent review before any contracts are signed.",
    "The Local Government Association said the figures showed why councils needed longer-term funding settlements to plan with confidence.",
    "According to the latest figures, spending on temporary accommodation has more than doubled over five years.",
    "The National Audit Office has previously warned that the sector lacks the data it needs to understand whether such programmes offer value for money.",
    "Health leaders said the changes would help patients leave hospital sooner and reduce pressure on emergency departments.",
    "Unison and GMB said they would consult members on the proposals and did not rule out industrial action.",
    "The department said it would publish further guidance in the spring, alongside a consultation on the detail of the scheme.",
    "Finance directors have repeatedly warned that inflation, pay awards and demand for social care are stretching budgets to breaking point.",
    "The chief executive said the organisation would publish quarterly progress reports so that residents could hold it to account.",
    "Procurement specialists said the new rules would make it easier for small and medium-sized suppliers to bid for public contracts.",
    "Inspectors found that leadership had improved but that the organisation still needed to do more to learn from complaints.",
    "The scheme will be evaluated by an independent research team, with early findings expected within eighteen months.",
    "Residents will be able to comment on the proposals online or at drop-in sessions in libraries across the area.",
]

QUOTES = [
    (
        "Every pound we spend has to work twice as hard, and residents rightly expect us to show our working.",
        "Council leader",
    ),
    (
        "This is not a cut; it is a change in how we deliver the service so that it lasts.",
        "Director of finance",
    ),
    (
        "Staff have carried this service through a very difficult few years and deserve certainty.",
        "Regional organiser, Unison",
    ),
    (
        "Digital should mean simpler for residents, not a locked door for those who are not online.",
        "Chief digital officer",
    ),
]

FACTBOXES = [
    (
        "Key figures",
        "<ul><li>£{money}m total budget</li><li>{count} staff affected</li><li>Consultation closes in six weeks</li></ul>",
    ),
    (
        "Background",
        "<p>The authority last reviewed the service in 2019. Since then, demand has risen by a quarter while funding has fallen in real terms.</p>",
    ),
    (
        "What happens next",
        "<ol><li>Cabinet decision next month</li><li>Procurement begins in the autumn</li><li>New service starts in April</li></ol>",
    ),
]

COLUMN_TITLES = [
    "Multi-year settlements are not a luxury; they are how good services are planned",
    "The NHS does not need another app. It needs the plumbing underneath",
    "The Procurement Act is a chance to buy better, if we resist box-ticking",
    "We keep reorganising public services. Perhaps we should try funding them",
    "Public servants are tired of being thanked. Pay and workload matter more",
    "Neighbourhood policing is the foundation, not an optional extra",
    "Audit backlogs are a democratic problem, not just a technical one",
]

VIDEOS = [
    (
        "In conversation: running a council through a financial crisis",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        1124,
    ),
    ("Explainer: what the Procurement Act changes", "https://vimeo.com/76979871", 512),
    ("Inside a virtual ward: how hospital-at-home works", "https://youtu.be/aqz-KE-bpKQ", 843),
    (
        "Panel: can digital services close the funding gap?",
        "https://www.youtube.com/watch?v=jNQXAC9IVRw",
        1890,
    ),
    ("The week in public services", "https://vimeo.com/148751763", 366),
]

TRANSCRIPT = (
    "Presenter: Welcome to Public Sector Today TV. With me is our guest, who has spent the past year at the sharp end of this issue.\n\n"
    "Guest: Thank you. The first thing to say is that nobody designed the current system; it grew up over decades, and that is why it is so hard to change.\n\n"
    "Presenter: What would you tell a new chief executive starting this week?\n\n"
    "Guest: Know your numbers, talk to your staff, and be honest with residents about what you can and cannot do."
)
