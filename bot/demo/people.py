"""Seed data of the demo community: forty members written the way people write their intros."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DemoMember:
    name: str
    headline: str  # e.g. "GP in Berlin, building a tele-triage app"
    working_on: str  # what I am working on
    looking_for: str  # what others can do for me
    strengths: str  # what I do better than anyone I know
    unique_edge: str  # what only I can do
    skills: tuple[str, ...]  # 3-6 short skills
    timezone: str
    languages: tuple[str, ...]
    links: tuple[str, ...]  # 0-2 https URLs on example.com / example.org
    offers: tuple[str, ...]  # 1-3 "I can help with X" posts, each under 200 chars
    needs: tuple[str, ...]  # 1-3 "I need Y" posts, each under 200 chars


DEMO_MEMBERS: tuple[DemoMember, ...] = (
    DemoMember(
        name="Lena Hoffmann",
        headline="GP in Berlin, building a tele-triage app on the side",
        working_on=(
            "I run a small GP practice in Kreuzberg and I'm prototyping a symptom-triage app so "
            "patients stop queueing for things a nurse could sort out by phone. Right now it's a "
            "clickable Figma mock and a spreadsheet of decision rules."
        ),
        looking_for=(
            "A developer, ideally someone who'd want to co-found, to build a first real version "
            "with me. I also need someone who understands medical-device regulation, because I'm "
            "fairly sure my app counts as one."
        ),
        strengths=(
            "Turning a vague patient complaint into a clear clinical picture in about five "
            "minutes. I've done somewhere north of 30,000 consultations."
        ),
        unique_edge=(
            "I can put a prototype in front of real patients and a dozen GP colleagues within a week."
        ),
        skills=("general practice", "clinical triage", "patient interviews", "medical protocols"),
        timezone="Europe/Berlin",
        languages=("German", "English"),
        links=("https://example.com/lena-triage",),
        offers=(
            (
                "I can give clinical feedback on health apps: whether the flows make sense to a "
                "doctor and where patients will get confused."
            ),
            "Happy to connect health-tech founders with GPs in Berlin for user interviews.",
        ),
        needs=(
            (
                "I need a developer to build the first version of a triage app. Web or mobile, I "
                "honestly don't mind which."
            ),
            "Looking for someone who knows EU MDR and CE marking for software as a medical device.",
            ("looking for seed funding advice, I have never raised money and don't know where to start"),
        ),
    ),
    DemoMember(
        name="Rahul Menon",
        headline="Backend developer in Kochi, freelancing after six years at a fintech",
        working_on=(
            "I left my fintech job in March and now take freelance backend projects. Currently "
            "finishing an API for a small insurance broker."
        ),
        looking_for=(
            "Steady clients, and I'd really like them to be in healthcare. I've also never had a "
            "proper freelance contract, which is starting to feel risky."
        ),
        strengths=(
            "Designing boring, reliable backends that don't wake anyone up at 3am. Payments, auth, "
            "audit logs, that kind of thing."
        ),
        unique_edge=(
            "I've built systems that had to pass bank audits, so I'm comfortable with "
            "compliance-heavy work most freelancers avoid."
        ),
        skills=("python", "go", "postgresql", "rest apis", "payments"),
        timezone="Asia/Kolkata",
        languages=("English", "Malayalam", "Hindi"),
        links=("https://example.com/rahul-menon",),
        offers=(
            ("I do web development, mostly backends in Python and Go, plus simple frontends when needed."),
            "I can build an MVP backend with login, payments and an admin panel in a few weeks.",
        ),
        needs=(
            (
                "I want to move into healthcare projects. If you're building something "
                "health-related and need a backend, let's talk."
            ),
            "Need a simple freelance contract that protects me on IP and late payments.",
        ),
    ),
    DemoMember(
        name="Meera Iyer",
        headline="Aerospace engineer in Bengaluru, designing crop-spraying drones",
        working_on=(
            "By day I do structural analysis for an aircraft parts supplier. Evenings and weekends "
            "I'm building a spraying drone for small farms that can't afford the Chinese ones."
        ),
        looking_for=(
            "Someone who can make the airframe look and feel like a product rather than a lab rig. "
            "Also need to understand whether any of this is patentable before I show it around."
        ),
        strengths=(
            "Stress analysis and composites. I can tell you why a part will crack before you've printed it."
        ),
        unique_edge=(
            "I know both certified aerospace processes and how farmers in Tamil Nadu actually use "
            "equipment, because my family farms."
        ),
        skills=("structural analysis", "composites", "cfd", "ansys", "drones"),
        timezone="Asia/Kolkata",
        languages=("English", "Tamil", "Kannada"),
        links=(),
        offers=(
            (
                "I can run stress and fatigue checks on hardware designs, drones, brackets, "
                "furniture frames, anything load-bearing."
            ),
            ("Happy to review a product design for weight and strength before you commit to tooling."),
        ),
        needs=(
            (
                "Looking for an industrial designer to turn my drone prototype into something a "
                "farmer would trust."
            ),
            "Need rapid prototyping for a few airframe parts, nylon or carbon-filled if possible.",
            "I need advice on whether my nozzle design is patentable.",
        ),
    ),
    DemoMember(
        name="Thabo Nkosi",
        headline="Chartered accountant in Johannesburg with clients in SA and the UK",
        working_on=(
            "I run a two-person practice doing accounts and tax for small companies, about a third "
            "of them UK-based. I'm trying to shift toward early-stage startups."
        ),
        looking_for=("More founders as clients, and a website that doesn't look like it's from 2009."),
        strengths=(
            "Company setup, cap tables and getting the first year of accounts right so nobody has "
            "to clean it up later."
        ),
        unique_edge=(
            "I can handle a founder with entities in both South Africa and the UK without passing "
            "them between two firms."
        ),
        skills=("accounting", "tax", "cap tables", "company formation", "xero"),
        timezone="Africa/Johannesburg",
        languages=("English", "Zulu", "Afrikaans"),
        links=("https://example.org/nkosi-accounting",),
        offers=(
            (
                "I can help founders set up a company, a clean cap table and bookkeeping that an "
                "investor won't laugh at."
            ),
            ("UK sole traders: I do self-assessment returns and can tell you what you can actually expense."),
        ),
        needs=(
            "need someone to redo my practice website, it's embarrassing",
            "Looking for bookkeepers or lawyers who want a referral partner for startup clients.",
        ),
    ),
    DemoMember(
        name="Sofia Andrade",
        headline="UX designer in São Paulo, mostly mobile apps",
        working_on=(
            "I'm freelancing on a banking app redesign and building up a portfolio in health "
            "products, which is where I want to end up."
        ),
        looking_for=(
            "Developers who actually want to ship what I design, and a health-related project for "
            "my portfolio."
        ),
        strengths=(
            "Making complicated flows feel obvious. I cut a loan application from 14 screens to 5 last year."
        ),
        unique_edge=(
            "I design in Portuguese, Spanish and English, so I catch localisation problems early "
            "instead of after launch."
        ),
        skills=("ux design", "figma", "prototyping", "design systems", "mobile ui"),
        timezone="America/Sao_Paulo",
        languages=("Portuguese", "English", "Spanish"),
        links=("https://example.com/sofia-andrade", "https://example.org/portfolio/sofia"),
        offers=(
            (
                "I can design your app's key flows in Figma and hand over a prototype your "
                "developer can work from."
            ),
            "Free 30-minute UX teardown of your onboarding if you send me a screen recording.",
        ),
        needs=(
            ("Looking for a mobile developer to team up with on client projects, I design, you build."),
            "I'd love a health-tech project for my portfolio, reduced rate for the right one.",
            "Need someone to proofread my English case studies.",
        ),
    ),
    DemoMember(
        name="Wei Ling Tan",
        headline="Data scientist in Singapore, forecasting and optimisation",
        working_on=(
            "I work on demand forecasting for a regional retailer and I'm looking for a side "
            "project with messy real-world data."
        ),
        looking_for=(
            "A real operations problem to chew on, and someone who knows how to turn a model into a product."
        ),
        strengths=(
            "Forecasting and route optimisation that survive contact with reality, not just a nice notebook."
        ),
        unique_edge=(
            "I've run forecasts for 900 stores across six countries, so I'm used to data that's "
            "late, wrong and in three formats."
        ),
        skills=("python", "forecasting", "optimisation", "sql", "machine learning"),
        timezone="Asia/Singapore",
        languages=("English", "Mandarin", "Malay"),
        links=(),
        offers=(
            ("I can build demand forecasts or delivery route optimisation from your historical data."),
            "Happy to sanity-check a data or ML plan before you hire anyone for it.",
        ),
        needs=(
            "Looking for a logistics or supply-chain problem with real data to work on.",
            "Need a product manager who can help me turn models into something people use.",
        ),
    ),
    DemoMember(
        name="Jake Morrison",
        headline="Growth marketer in Brooklyn, ex-head of growth at two seed-stage startups",
        working_on=(
            "Consulting for a couple of SaaS companies and looking for one early product to go "
            "deep on, possibly for equity."
        ),
        looking_for=(
            "A product with real users that has stalled, plus an SEO person and a video editor I can rely on."
        ),
        strengths=(
            "Finding the one channel that works and ignoring the other nine. Paid social, referral "
            "loops, launch plans."
        ),
        unique_edge=("I've taken two products from zero to 10k users on less than $5k of ad spend each."),
        skills=("growth marketing", "paid ads", "analytics", "launch strategy", "email"),
        timezone="America/New_York",
        languages=("English",),
        links=("https://example.com/jake-growth",),
        offers=(
            "I can help you plan a launch and figure out which channel to bet on first.",
            "Happy to audit your funnel and ad account for an hour, no charge.",
        ),
        needs=(
            "Looking for an early product to grow, open to equity instead of fees.",
            "Need an SEO specialist to partner with on client work.",
            "Need a video editor for short ads, roughly 10 a month.",
        ),
    ),
    DemoMember(
        name="Inés Moreno",
        headline="Startup lawyer in Madrid, contract and commercial law",
        working_on=(
            "I left a big firm last year to advise founders directly. Most of my week is "
            "shareholder agreements and SaaS terms."
        ),
        looking_for=(
            "Founders who'd rather sort their agreements early than fight later, and help with my "
            "own marketing."
        ),
        strengths=(
            "Writing contracts people can read. I explain every clause in plain language before anyone signs."
        ),
        unique_edge=(
            "I can draft under Spanish and English law and work in Spanish, English and Catalan "
            "without switching firms."
        ),
        skills=("contract law", "shareholder agreements", "saas terms", "gdpr"),
        timezone="Europe/Madrid",
        languages=("Spanish", "English", "Catalan"),
        links=("https://example.org/ines-moreno-legal",),
        offers=(
            "contract law, partnership agreements, founder and shareholder agreements",
            "I can review freelance and client contracts, especially IP and payment terms.",
            "Happy to do a free first call on co-founder splits and vesting.",
        ),
        needs=(
            "Need someone to write the copy for my website, I write contracts not marketing.",
            "Looking for founders and freelancers who need their agreements done properly.",
        ),
    ),
    DemoMember(
        name="Giuseppe Bianchi",
        headline="Furniture maker near Udine, third-generation family workshop",
        working_on=(
            "We make solid-wood tables and chairs for other brands. I want to launch our own line "
            "and sell direct online."
        ),
        looking_for=(
            "A designer who understands wood, and someone who knows how to sell furniture on the "
            "internet, because I don't."
        ),
        strengths=(
            "Joinery and small-batch production. We can make 20 of something or 2,000 with the same quality."
        ),
        unique_edge=(
            "A 1,400 m² workshop with CNC and hand finishing under one roof, and forty years of "
            "supplier relationships."
        ),
        skills=("furniture manufacturing", "joinery", "cnc", "wood finishing"),
        timezone="Europe/Rome",
        languages=("Italian", "English"),
        links=("https://example.com/bianchi-mobili",),
        offers=(
            (
                "I can manufacture furniture and wooden products in small batches, from prototype "
                "to a few thousand units."
            ),
            ("Happy to advise designers on what is actually buildable in solid wood and what it will cost."),
        ),
        needs=(
            "Looking for a furniture or industrial designer for our first own collection.",
            "I need help setting up an online shop and selling direct.",
            "Need good product photos of finished pieces.",
        ),
    ),
    DemoMember(
        name="Rebecca Stein",
        headline="Former VC, now angel investing from LA",
        working_on=(
            "I spent eight years as a partner at an early-stage fund and now write small cheques "
            "into health, climate and hardware companies."
        ),
        looking_for=(
            "Founders before their first round, especially in health and hardware. Also other "
            "angels to co-invest with."
        ),
        strengths="Spotting what an investor will poke at in your deck before they do.",
        unique_edge=(
            "I've sat through around 3,000 pitches and know most seed funds on the West Coast personally."
        ),
        skills=("fundraising", "pitch decks", "term sheets", "due diligence"),
        timezone="America/Los_Angeles",
        languages=("English",),
        links=(),
        offers=(
            "former VC, happy to review pitch decks",
            "I can walk you through a term sheet and tell you which terms matter and which don't.",
            "I can help plan a pre-seed or seed round: how much, from whom, in what order.",
        ),
        needs=(
            "Looking for deal flow: early founders in health-tech, climate or hardware.",
            "Want to meet other angels for co-investing.",
        ),
    ),
    DemoMember(
        name="Grace Adeyemi",
        headline="ICU nurse in London with an idea for fixing shift swaps",
        working_on=(
            "Twelve years in intensive care. I keep a notebook of everything broken about rotas, "
            "and I want to turn it into a shift-swap app for nurses."
        ),
        looking_for=(
            "Someone technical to build it with me and someone who's started a business before, "
            "because I haven't."
        ),
        strengths=(
            "Staying calm and organised when everything is on fire. Also getting honest answers "
            "out of frontline staff."
        ),
        unique_edge="I can get fifty NHS nurses to test something and tell me the truth about it.",
        skills=("critical care nursing", "rota planning", "clinical workflows", "staff training"),
        timezone="Europe/London",
        languages=("English", "Yoruba"),
        links=(),
        offers=(
            (
                "I can tell you how nurses really work, if you're building anything for hospitals "
                "or care homes."
            ),
            "Happy to organise testing sessions with nurses for health products.",
        ),
        needs=(
            "I need a developer for a shift-swap app for nurses, something simple to start.",
            "Looking for a mentor who has started a business and can tell me what to do first.",
        ),
    ),
    DemoMember(
        name="Kenji Watanabe",
        headline="Architect in Tokyo, restaurant and small retail interiors",
        working_on=(
            "I run a three-person studio doing restaurant fit-outs and small shops. I want to take "
            "on more projects outside Japan, remotely at first."
        ),
        looking_for=(
            "A structural engineer for the bigger jobs and someone to help my English portfolio "
            "read less like a translation."
        ),
        strengths=("Fitting a working kitchen, 30 covers and a decent atmosphere into a 60 m² space."),
        unique_edge=(
            "I've designed over forty restaurants, so I know where a chef actually needs the pass "
            "and the sinks."
        ),
        skills=("architecture", "interior design", "restaurant layout", "revit", "permits"),
        timezone="Asia/Tokyo",
        languages=("Japanese", "English"),
        links=("https://example.com/watanabe-studio",),
        offers=(
            "I can design or review a restaurant layout: kitchen flow, seating, lighting.",
            "I do architectural design for small commercial spaces, including remote concept work.",
        ),
        needs=(
            "Looking for a civil or structural engineer to partner with on renovation projects.",
            "Need a copywriter to rewrite my portfolio in natural English.",
            "I need physical scale models printed, ideally resin.",
        ),
    ),
    DemoMember(
        name="Diego Hernández",
        headline="Mexican chef opening a taqueria in Vienna",
        working_on=(
            "I've cooked in Vienna for nine years and I'm finally opening my own place with a "
            "friend. We've got a lease offer on a former café in the 7th district."
        ),
        looking_for=(
            "Everyone, honestly. Someone to look at the layout, an electrician, a photographer, "
            "and help with the paperwork between me and my partner."
        ),
        strengths=(
            "Running a kitchen during a Saturday rush and writing menus that keep food costs under 30%."
        ),
        unique_edge=("I make my own masa from imported corn, which almost nobody in central Europe does."),
        skills=("menu development", "kitchen management", "food costing", "catering"),
        timezone="Europe/Vienna",
        languages=("Spanish", "German", "English"),
        links=(),
        offers=(
            "I can develop a menu or cost your dishes if you're starting a food business.",
            "Happy to cater launches and events in Vienna, up to about 150 people.",
        ),
        needs=(
            ("I need a lawyer for a partnership agreement with my co-owner before we sign the lease."),
            "Looking for someone to review our restaurant layout and kitchen flow.",
            "Need an electrician in Vienna for the kitchen refit.",
        ),
    ),
    DemoMember(
        name="Chloé Martin",
        headline="Photographer in Paris, product and food",
        working_on=(
            "I shoot products and food for small brands and restaurants. I want to book more work "
            "with makers outside Paris who ship me their products."
        ),
        looking_for="More clients, and a website that someone can actually find on Google.",
        strengths=(
            "Making a plate or a chair look like the best version of itself, without it looking fake."
        ),
        unique_edge="I have a small studio with a kitchen, so I can shoot food cooked on the spot.",
        skills=("product photography", "food photography", "lighting", "retouching"),
        timezone="Europe/Paris",
        languages=("French", "English"),
        links=("https://example.com/chloe-martin-photo",),
        offers=(
            (
                "I do product and food photography. Ship me your products and I'll send back a "
                "full set of images."
            ),
            "I can shoot a restaurant's menu and interior for the website and delivery apps.",
        ),
        needs=(
            "Need help with SEO, my site gets almost no search traffic.",
            "Looking for brands and restaurants that need photos.",
        ),
    ),
    DemoMember(
        name="Oliver Bennett",
        headline="Copywriter in Bristol, websites and pitch decks",
        working_on=(
            "Freelance for about four years, mostly B2B SaaS websites. I've started doing "
            "pitch-deck copy and enjoy it more than I expected."
        ),
        looking_for=(
            "A designer to partner with so I can offer whole websites, and someone to take my tax "
            "return off my hands."
        ),
        strengths="Getting a founder to say what the product actually does in one sentence.",
        unique_edge=("I used to be a journalist, so I interview customers properly before I write a word."),
        skills=("copywriting", "web copy", "pitch decks", "editing", "interviews"),
        timezone="Europe/London",
        languages=("English",),
        links=("https://example.org/oliver-writes",),
        offers=(
            "I can write or rewrite your website copy and landing pages.",
            ("Happy to edit English text written by non-native speakers, portfolios, case studies, decks."),
        ),
        needs=(
            "Looking for a UX or web designer to team up with on website projects.",
            "Need an accountant for my UK self-assessment, I've been doing it myself badly.",
        ),
    ),
    DemoMember(
        name="Fatima Al-Sayed",
        headline="HR consultant in Dubai, helping startups hire their first ten people",
        working_on=(
            "I do fractional HR for startups across the Gulf and Europe: hiring plans, contracts, "
            "onboarding. I'm building a packaged offer for remote teams."
        ),
        looking_for="More clients in Europe, a website, and frankly some help with selling.",
        strengths=("Writing job descriptions that attract the right people and scaring off the wrong ones."),
        unique_edge=(
            "I've set up HR for companies with staff in eleven countries, so I know where remote "
            "hiring breaks."
        ),
        skills=("recruiting", "hr policies", "onboarding", "remote teams", "compensation"),
        timezone="Asia/Dubai",
        languages=("Arabic", "English", "French"),
        links=("https://example.com/fatima-hr",),
        offers=(
            ("I can help you hire your first employees: job descriptions, interview process, offer letters."),
            "I can write an employee handbook and remote-work policy that fits a small team.",
        ),
        needs=(
            "Looking for sales coaching, I'm good at HR but I hate selling it.",
            "Need a lawyer who knows EU employment contracts to partner with.",
        ),
    ),
    DemoMember(
        name="Li Wei",
        headline="Supply-chain manager in Shanghai, sourcing for European brands",
        working_on=(
            "I manage sourcing and factory audits for several mid-sized European brands. I want to "
            "work with smaller e-commerce sellers too."
        ),
        looking_for=(
            "Better demand forecasts for my clients, and introductions to e-commerce shops that "
            "need suppliers."
        ),
        strengths="Finding a good factory and keeping it honest on quality and lead times.",
        unique_edge=(
            "I've audited more than 200 factories in China and Vietnam and can tell you which ones to avoid."
        ),
        skills=("sourcing", "supplier audits", "logistics", "quality control", "negotiation"),
        timezone="Asia/Shanghai",
        languages=("Mandarin", "English"),
        links=(),
        offers=(
            "I can find and vet suppliers in China and Vietnam, and manage samples and QC.",
            "Happy to review your supply chain and shipping costs if you import goods.",
        ),
        needs=(
            "Looking for a data scientist to help forecast demand for my clients.",
            "Want to meet e-commerce sellers who need a reliable supplier.",
        ),
    ),
    DemoMember(
        name="Lukas Brenner",
        headline="Electrician in Vienna with a small team of three",
        working_on=(
            "Mostly shop and restaurant fit-outs, plus more EV chargers every month. I'm drowning "
            "in paperwork and scheduling."
        ),
        looking_for=(
            "A website so customers can find me, and some way to get my invoices and scheduling "
            "under control."
        ),
        strengths="Commercial kitchen wiring and getting inspections passed the first time.",
        unique_edge=("I can usually start a job in Vienna within a week, which in this trade is rare."),
        skills=("electrical installation", "ev chargers", "commercial kitchens", "smart home"),
        timezone="Europe/Vienna",
        languages=("German", "English"),
        links=(),
        offers=(
            (
                "I do electrical work for shops and restaurants in Vienna, including kitchen "
                "refits and inspections."
            ),
            "I can install EV chargers and tell you which ones are worth the money.",
        ),
        needs=(
            "need someone to build my website",
            "Looking for a bookkeeper who works with small trades businesses.",
        ),
    ),
    DemoMember(
        name="Anna Kowalska",
        headline="Translator in Warsaw, legal and medical, PL/EN/DE",
        working_on=(
            "I translate contracts, medical documents and patent filings, and I'm doing more app "
            "localisation lately."
        ),
        looking_for=(
            "Direct clients instead of agencies, and a better way to automate the boring parts of "
            "my workflow."
        ),
        strengths="Precise legal and medical terminology. I don't guess, I check.",
        unique_edge=(
            "I'm a sworn translator for Polish, English and German, so my translations are "
            "accepted by courts and patent offices."
        ),
        skills=("legal translation", "medical translation", "localisation", "proofreading"),
        timezone="Europe/Warsaw",
        languages=("Polish", "English", "German"),
        links=("https://example.org/kowalska-translations",),
        offers=(
            ("I can translate contracts, patents and medical documents between Polish, English and German."),
            "I can localise your app or website into Polish or German.",
        ),
        needs=(
            "Looking for law firms, patent attorneys and health startups who need translations.",
            "Need someone technical to automate my file conversions and glossaries.",
        ),
    ),
    DemoMember(
        name="Maria Santos",
        headline="High-school science teacher in Manila building an online chemistry course",
        working_on=(
            "I teach chemistry and I'm turning my lessons into a self-paced online course for "
            "students who can't afford tutors. I have 40 lessons scripted."
        ),
        looking_for=(
            "Someone to edit my videos, someone to help me pick or build a course platform, and "
            "some advice on getting it in front of students."
        ),
        strengths="Explaining hard concepts with things kids already have at home.",
        unique_edge=(
            "I've tested every lesson on real classes of 45 students and rewritten the ones that didn't land."
        ),
        skills=("curriculum design", "teaching", "chemistry", "lesson planning", "assessment"),
        timezone="Asia/Manila",
        languages=("English", "Filipino"),
        links=("https://example.com/chem-with-maria",),
        offers=(
            "I can help design a course or training: learning goals, lesson structure, quizzes.",
            "Happy to test educational products with my classes and give honest feedback.",
        ),
        needs=(
            "Need a video editor for about 40 short lesson videos.",
            "Looking for someone who can set up a course website with payments.",
            "Need marketing advice for reaching students and parents.",
        ),
    ),
    DemoMember(
        name="Birgit Schneider",
        headline="Pharmacist in Basel, ex-regulatory affairs for medical devices",
        working_on=(
            "I run a community pharmacy and want to build a medication-adherence app for older "
            "patients. Before the pharmacy I spent four years in regulatory affairs at a "
            "diagnostics company."
        ),
        looking_for="A mobile developer and a designer who understands older users.",
        strengths=(
            "Medication safety and interactions, and reading regulations so other people don't have to."
        ),
        unique_edge=(
            "I've taken two devices through CE marking, so I know what MDR actually asks of a health app."
        ),
        skills=("pharmacy", "medication safety", "eu mdr", "ce marking", "regulatory affairs"),
        timezone="Europe/Zurich",
        languages=("German", "English", "French"),
        links=(),
        offers=(
            (
                "I can tell you whether your health app is a medical device under EU MDR and what "
                "that means in practice."
            ),
            "Happy to review medication content in health apps for safety.",
        ),
        needs=(
            "Looking for a mobile developer for a medication reminder app.",
            "Need a UX designer who can design for people over 70.",
        ),
    ),
    DemoMember(
        name="Tyler Brooks",
        headline="Commercial real-estate agent in Chicago",
        working_on=(
            "I lease retail and restaurant space in the West Loop and want to build a stronger "
            "online presence."
        ),
        looking_for=("Better photos and video of the spaces I list, and someone to run my social media."),
        strengths=(
            "Negotiating leases. I've saved tenants more on free rent and build-out allowances "
            "than most agents charge in fees."
        ),
        unique_edge=(
            "I know which landlords in Chicago will actually give a first-time restaurant owner a chance."
        ),
        skills=("commercial leasing", "negotiation", "property valuation", "retail space"),
        timezone="America/Chicago",
        languages=("English", "Spanish"),
        links=("https://example.com/tyler-brooks-cre",),
        offers=(
            ("I can review a commercial lease and tell you what's negotiable, especially for restaurants."),
            "Happy to help you find retail or restaurant space in Chicago.",
        ),
        needs=(
            "Need video tours of listings edited, maybe 4 a month.",
            "Looking for someone to run social media for my listings.",
        ),
    ),
    DemoMember(
        name="Linh Nguyen",
        headline="Mobile developer in Ho Chi Minh City, Flutter and Swift",
        working_on=(
            "I build mobile apps for agencies and I want my own European clients, ideally in "
            "health or logistics."
        ),
        looking_for=("A UX designer to work with on client projects and founders in Europe who need an app."),
        strengths=(
            "Shipping cross-platform apps that feel native, and fast. Offline sync is my favourite problem."
        ),
        unique_edge=(
            "I've published 14 apps, including two with over 100k installs, and I overlap with "
            "Europe's mornings."
        ),
        skills=("flutter", "swift", "kotlin", "firebase", "offline sync"),
        timezone="Asia/Ho_Chi_Minh",
        languages=("Vietnamese", "English"),
        links=("https://example.com/linh-apps",),
        offers=(
            "I can build your iOS and Android app with Flutter, from prototype to store release.",
            "Happy to estimate an app project honestly, including what to cut for v1.",
        ),
        needs=(
            "Looking for a UX designer to partner with on app projects.",
            "Want to work with health or logistics founders in Europe or Africa.",
        ),
    ),
    DemoMember(
        name="Arjun Sharma",
        headline="DevOps engineer in Toronto, cloud infrastructure and cost cutting",
        working_on=(
            "I run infrastructure for a mid-size SaaS company and do some consulting on the side, "
            "mostly AWS bills that got out of hand."
        ),
        looking_for=(
            "A security person to team up with, and maybe a side project where I'm the technical co-founder."
        ),
        strengths="Cutting AWS bills by 40% without anyone noticing a difference.",
        unique_edge=(
            "I've set up HIPAA and GDPR compliant hosting several times, so health startups don't "
            "have to learn it the hard way."
        ),
        skills=("aws", "kubernetes", "terraform", "ci/cd", "monitoring"),
        timezone="America/Toronto",
        languages=("English", "Hindi", "Punjabi"),
        links=(),
        offers=(
            ("I can set up your cloud infrastructure and deployments so you stop deploying from a laptop."),
            "I can help health startups host data compliantly (HIPAA, GDPR).",
        ),
        needs=(
            "Looking for a cybersecurity consultant to pair with on infrastructure audits.",
            ("Open to joining an early startup as technical co-founder, health or climate preferred."),
        ),
    ),
    DemoMember(
        name="Emma Schulz",
        headline="SEO specialist in Berlin, e-commerce and local businesses",
        working_on=(
            "I do SEO for online shops and local service businesses. I'm trying to stop writing "
            "the content myself and partner with proper writers."
        ),
        looking_for="A copywriter and a web developer I can refer work to.",
        strengths=(
            "Technical SEO audits and finding the twenty pages that will bring in 80% of the traffic."
        ),
        unique_edge=(
            "I grew my own niche shop to 60k monthly visitors before selling it, so I know what "
            "works for small sites."
        ),
        skills=("seo", "content strategy", "google analytics", "shopify", "local seo"),
        timezone="Europe/Berlin",
        languages=("German", "English"),
        links=("https://example.org/emma-seo",),
        offers=(
            "I can audit your website's SEO and tell you what to fix first.",
            "I help online shops and local businesses get found on Google.",
        ),
        needs=(
            "Looking for a copywriter to write SEO content for my clients.",
            "Need a web developer I can send client site fixes to.",
        ),
    ),
    DemoMember(
        name="Kwame Mensah",
        headline="Video editor in Accra, course videos and short ads",
        working_on=(
            "I edit YouTube videos and online courses for creators in the US and UK. I want more "
            "long-term clients rather than one-off jobs."
        ),
        looking_for="Steady editing work, and a motion-graphics person to collaborate with.",
        strengths=(
            "Fast turnaround and cutting the boring bits. A 40-minute recording becomes a tight "
            "12-minute lesson."
        ),
        unique_edge="I've edited over 600 course lessons, so I know how to keep students watching.",
        skills=("video editing", "premiere pro", "davinci resolve", "color grading", "subtitles"),
        timezone="Africa/Accra",
        languages=("English", "Twi"),
        links=("https://example.com/kwame-edits",),
        offers=(
            "I can edit your course videos, YouTube videos or short ads, with subtitles.",
            "Happy to edit property tours and event recaps too.",
        ),
        needs=(
            "Looking for clients who need regular video editing.",
            "Want to meet a motion-graphics designer for joint projects.",
        ),
    ),
    DemoMember(
        name="Rosa Jiménez",
        headline="Bookkeeper for small firms, based in LA, working remotely",
        working_on=(
            "I keep the books for about 25 small businesses: contractors, cafés, a couple of "
            "agencies. I'm trying to grow without working weekends."
        ),
        looking_for="An accountant to refer tax work to, and a proper website.",
        strengths=("Untangling a year of receipts in a shoebox and turning it into clean monthly reports."),
        unique_edge=(
            "I explain the numbers to owners in plain English or Spanish, and they actually "
            "understand their cash flow afterwards."
        ),
        skills=("bookkeeping", "quickbooks", "xero", "payroll", "cash flow"),
        timezone="America/Los_Angeles",
        languages=("Spanish", "English"),
        links=(),
        offers=(
            "I do monthly bookkeeping for small businesses, trades, restaurants and agencies.",
            "I can clean up messy QuickBooks or Xero books.",
        ),
        needs=(
            "Looking for an accountant to partner with for tax returns.",
            "need a website for my bookkeeping business",
        ),
    ),
    DemoMember(
        name="Elif Yılmaz",
        headline="Industrial designer in Istanbul, furniture and consumer products",
        working_on=(
            "I design furniture and small consumer products. I've got a chair collection ready and "
            "no one to make it."
        ),
        looking_for=(
            "A manufacturer that can do small batches, fast prototyping, and someone to check my "
            "designs structurally."
        ),
        strengths="Designing things that are beautiful and still cheap to manufacture.",
        unique_edge=(
            "I trained as a cabinetmaker before design school, so I design joints that a workshop "
            "can actually build."
        ),
        skills=("industrial design", "furniture design", "solidworks", "rendering", "prototyping"),
        timezone="Europe/Istanbul",
        languages=("Turkish", "English", "German"),
        links=("https://example.com/elif-design", "https://example.org/elif/chairs"),
        offers=(
            "I can design your product or furniture line, from sketches to production-ready CAD.",
            "Happy to help hardware founders make a prototype look like a real product.",
        ),
        needs=(
            "Looking for a furniture manufacturer for a small-batch chair collection.",
            "Need 3D printing for prototypes.",
            "I need advice on protecting my designs, patent or design registration.",
        ),
    ),
    DemoMember(
        name="Ben Carter",
        headline="Owner of a 3D-printing shop in Sydney",
        working_on=(
            "I run a print shop with twelve printers, FDM and resin. Most work is hobbyists and I "
            "want more business clients."
        ),
        looking_for="Engineers, designers and architects who need prototypes or models regularly.",
        strengths=(
            "Getting prints right the first time. Tolerances, orientation, the right material for the job."
        ),
        unique_edge="I can print carbon-filled nylon and ship internationally in under a week.",
        skills=("3d printing", "resin printing", "prototyping", "cad repair"),
        timezone="Australia/Sydney",
        languages=("English",),
        links=("https://example.com/carter-print",),
        offers=(
            "I can 3D print your prototypes or architectural models and ship them worldwide.",
            "Happy to advise on materials and design changes so your part prints properly.",
        ),
        needs=(
            "Looking for business clients who need regular prototyping.",
            "Need help with my website and SEO.",
            "Looking for a bookkeeper, my receipts are a mess.",
        ),
    ),
    DemoMember(
        name="Sanne de Vries",
        headline="Sales coach in Amsterdam, for founders who hate selling",
        working_on=(
            "I coach technical founders and consultants through their first sales. I'm turning my "
            "workshop into a video course."
        ),
        looking_for=(
            "A video editor and a copywriter for the course, and someone to set up my CRM properly."
        ),
        strengths=("Making cold outreach feel less awkward and getting people to their first ten customers."),
        unique_edge=(
            "I sold enterprise software for 12 years, then failed at my own startup, so I know both sides."
        ),
        skills=("sales coaching", "cold outreach", "negotiation", "crm", "workshops"),
        timezone="Europe/Amsterdam",
        languages=("Dutch", "English", "German"),
        links=("https://example.org/sanne-sells",),
        offers=(
            "I can coach you through your first sales conversations and cold emails.",
            "Happy to role-play a sales call with you before an important pitch.",
        ),
        needs=(
            "Need a video editor for a sales course, about 20 lessons.",
            "Looking for a copywriter for my course landing page.",
        ),
    ),
    DemoMember(
        name="Aoife Kelly",
        headline="Grant writer in Dublin, EU and research funding",
        working_on=(
            "I write applications for EU programmes like EIC Accelerator and Horizon Europe, "
            "mostly for hardware and health startups."
        ),
        looking_for=(
            "Technical founders with projects that are a good fit for grants, and an accountant "
            "who understands grant budgets."
        ),
        strengths="Turning a good idea into the structure evaluators want to read.",
        unique_edge=("I used to be an evaluator for an EU programme, so I know how proposals get scored."),
        skills=("grant writing", "eu funding", "horizon europe", "project budgets"),
        timezone="Europe/Dublin",
        languages=("English", "Irish", "French"),
        links=(),
        offers=(
            "I can help you find and apply for EU grants for your startup or research project.",
            "Happy to read a draft grant application and tell you how an evaluator would see it.",
        ),
        needs=(
            "Looking for hardware or health-tech founders with grant-ready projects.",
            "Need an accountant who can help with grant budgets.",
        ),
    ),
    DemoMember(
        name="Yosef Levi",
        headline="Cybersecurity consultant in Tel Aviv, pen tests and compliance",
        working_on=(
            "I do security assessments and ISO 27001 preparation for startups. Health-tech clients "
            "are growing fast for me."
        ),
        looking_for=(
            "A DevOps partner so I can offer fixes, not just reports. Also a lawyer to check my "
            "liability clauses."
        ),
        strengths="Finding the hole before someone else does, and explaining it without drama.",
        unique_edge="I spent six years in a national CERT, so I've seen how real attacks unfold.",
        skills=("penetration testing", "iso 27001", "threat modelling", "cloud security"),
        timezone="Asia/Jerusalem",
        languages=("Hebrew", "English", "Russian"),
        links=("https://example.com/levi-security",),
        offers=(
            "I can pen-test your app or review your security before investors or customers ask.",
            "Happy to help health startups get ready for ISO 27001 and GDPR audits.",
        ),
        needs=(
            "Looking for a DevOps engineer to partner with on infrastructure security projects.",
            "Need a lawyer to review liability clauses in my service contracts.",
        ),
    ),
    DemoMember(
        name="Chinedu Eze",
        headline="Founder of a last-mile delivery startup in Lagos",
        working_on=(
            "We deliver for about 80 small businesses in Lagos using motorbike riders. Everything "
            "runs on WhatsApp and spreadsheets, which won't scale."
        ),
        looking_for=(
            "A mobile developer for a rider app, help with routing, and advice on raising our first round."
        ),
        strengths="Operations in chaotic cities. I can make deliveries work when the roads don't.",
        unique_edge="I know the Lagos logistics market and have 80 paying customers already.",
        skills=(
            "logistics operations",
            "fleet management",
            "customer acquisition",
            "team leadership",
        ),
        timezone="Africa/Lagos",
        languages=("English", "Igbo", "Yoruba"),
        links=("https://example.com/swiftdrop",),
        offers=(
            "I can help you understand logistics and e-commerce in Nigeria and West Africa.",
            "Happy to share what we learned scaling delivery operations with no budget.",
        ),
        needs=(
            "Need a mobile developer to build a rider app with tracking and proof of delivery.",
            "Looking for someone who can optimise delivery routes from our data.",
            "looking for seed funding advice, we're about to raise",
        ),
    ),
    DemoMember(
        name="Hana Kim",
        headline="Nutritionist in Seoul, meal plans and menu analysis",
        working_on=(
            "I write meal plans for clients with diabetes and analyse menus for restaurants that "
            "want nutrition info. I'd like to build a meal-planning app."
        ),
        looking_for="An app developer and a chef or two to collaborate on recipes.",
        strengths="Making healthy eating realistic for busy people, not just correct on paper.",
        unique_edge=("I'm a licensed dietitian in Korea and the UK, and I can adapt plans to both cuisines."),
        skills=("nutrition", "meal planning", "menu analysis", "diabetes care"),
        timezone="Asia/Seoul",
        languages=("Korean", "English"),
        links=(),
        offers=(
            "I can analyse a restaurant menu and add calorie and allergen information.",
            "I can write nutrition content for health apps and check it's accurate.",
        ),
        needs=(
            "Looking for an app developer for a meal-planning app.",
            "Want to collaborate with chefs on healthy recipes.",
        ),
    ),
    DemoMember(
        name="Lucía Fernández",
        headline="Event organiser in Buenos Aires, launches and tech meetups",
        working_on=(
            "I organise product launches and community meetups, and I'm starting a founder "
            "conference for next spring."
        ),
        looking_for="Sponsors for the conference, a photographer and a video editor I can trust.",
        strengths="Turning a tiny budget into an event that people talk about for weeks.",
        unique_edge=(
            "I have a list of 3,000 founders and developers in Latin America who come to my events."
        ),
        skills=("event planning", "community building", "sponsorships", "logistics"),
        timezone="America/Argentina/Buenos_Aires",
        languages=("Spanish", "English", "Portuguese"),
        links=("https://example.org/lucia-events",),
        offers=(
            "I can organise your product launch or meetup, in person or online.",
            "Happy to introduce you to founder communities across Latin America.",
        ),
        needs=(
            "Looking for sponsors for a founder conference in Buenos Aires.",
            "Need a photographer and video editor for events.",
        ),
    ),
    DemoMember(
        name="Jonas Eriksson",
        headline="Patent attorney in Stockholm, hardware and medtech",
        working_on=(
            "I file European patents for hardware and medtech companies. I want to work with more "
            "early-stage founders before they disclose too much."
        ),
        looking_for="Hardware founders, and a good translator for German and Polish filings.",
        strengths="Finding the part of an invention that is actually patentable.",
        unique_edge=(
            "I have a mechanical engineering degree and 15 years at the EPO, so I read drawings "
            "and claims equally well."
        ),
        skills=("patents", "prior art search", "epo filings", "ip strategy", "design rights"),
        timezone="Europe/Stockholm",
        languages=("Swedish", "English", "German"),
        links=(),
        offers=(
            "I can tell you if your invention is patentable and what it would cost to protect.",
            "I can help designers protect their work with design registrations.",
        ),
        needs=(
            "Looking for hardware and medtech founders who need IP advice.",
            "Need a sworn translator for German and Polish.",
        ),
    ),
    DemoMember(
        name="Sarah Whitfield",
        headline="E-commerce shop owner in Leeds, handmade ceramics",
        working_on=(
            "I sell ceramics online through my own Shopify shop and on Etsy. I want to add a line "
            "of homeware made by a manufacturer."
        ),
        looking_for="Better product photos, more search traffic and a reliable supplier.",
        strengths=(
            "Running a profitable small shop: Shopify setup, shipping, marketplaces, customer service."
        ),
        unique_edge="I've run a profitable shop for seven years on almost no ad budget.",
        skills=("shopify", "e-commerce", "etsy", "product listings", "shipping"),
        timezone="Europe/London",
        languages=("English",),
        links=("https://example.com/whitfield-ceramics",),
        offers=(
            "I can set up an online shop for you, Shopify or Etsy, and show you how to run it.",
            "Happy to share what works for selling handmade products online.",
        ),
        needs=(
            "Need product photography for a new homeware line.",
            "Looking for SEO help for my shop.",
            "Looking for a supplier for ceramic homeware.",
        ),
    ),
    DemoMember(
        name="Julia Novák",
        headline="UX researcher in Prague, usability testing and interviews",
        working_on=(
            "I do user research for a travel company and freelance on the side. I want more "
            "health-tech projects."
        ),
        looking_for="Products that need testing and a designer to team up with.",
        strengths="Getting users to show me what they do, not tell me what they think they do.",
        unique_edge=(
            "I've run over 400 usability sessions, including with older adults and people with disabilities."
        ),
        skills=("user research", "usability testing", "interviews", "accessibility"),
        timezone="Europe/Prague",
        languages=("Czech", "English", "German"),
        links=(),
        offers=(
            "I can run usability tests on your app and tell you what to fix.",
            "I can plan and run user interviews before you build.",
        ),
        needs=(
            "Looking for health-tech products to test.",
            "Want to team up with a UX designer on client projects.",
        ),
    ),
    DemoMember(
        name="Wanjiru Kamau",
        headline="Product manager in Nairobi, looking for an early-stage startup",
        working_on=(
            "I was a PM at a mobile money company for five years. I'm taking a break to find an "
            "early-stage startup to join or co-found."
        ),
        looking_for=("A technical co-founder or a founding team that needs someone to run the product."),
        strengths=("Scoping an MVP down to what actually matters and keeping everyone focused on it."),
        unique_edge=(
            "I've launched products to millions of users in East Africa on cheap phones and bad networks."
        ),
        skills=("product management", "mvp scoping", "user research", "roadmaps", "fintech"),
        timezone="Africa/Nairobi",
        languages=("English", "Swahili"),
        links=("https://example.com/wanjiru-pm",),
        offers=(
            "I can help you scope your MVP and write a roadmap for the first six months.",
            "Happy to mentor first-time founders on product decisions.",
        ),
        needs=(
            "Looking for an early-stage startup to join as a product lead.",
            "Need a technical co-founder for a health or logistics idea.",
        ),
    ),
    DemoMember(
        name="Nadia Rahman",
        headline="Civil engineer in Dhaka, structural design and site supervision",
        working_on=(
            "I design and supervise mid-rise buildings and do remote structural checks for architects abroad."
        ),
        looking_for=(
            "Architects to work with on international projects, and someone to teach me Revit properly."
        ),
        strengths="Structural calculations and cost estimates that hold up on site.",
        unique_edge=(
            "I've worked on buildings in a flood zone and an earthquake zone, so I'm careful about "
            "what ground does."
        ),
        skills=("structural design", "etabs", "autocad", "cost estimation", "site supervision"),
        timezone="Asia/Dhaka",
        languages=("Bengali", "English"),
        links=(),
        offers=(
            "I can do structural calculations and drawings for renovation projects, remotely.",
            "Happy to review construction cost estimates.",
        ),
        needs=(
            "Looking for architects who need a structural engineer.",
            "Need someone to teach me Revit, I'll trade for structural advice.",
        ),
    ),
)
