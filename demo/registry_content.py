"""Demo content of the campaign networks (issue 17): each campaign's directory page,
its criteria, producer organisations and about thirty participants.

Everything here is fictional: the producer organisations, universities and their
contacts are invented (their names are the kind such groups give themselves), the
towns are real places whose participation is made up, and every email address is
at ``example.org`` with a ``+00`` phone number. The facts about the campaigns follow
CLAC's own description (universities "complying with four criteria"; towns working
with their council and civil society), written in our own words.

Translated through the demo's registry (``t()``): the directory pages and the
criteria. Not translated, because the registry keeps one record in every language:
names, products, descriptions (written in one or two languages, the rest fall back
to the original), evidence notes and activities.
"""

import datetime

from .texts import t

# --- the directory page under each campaign --------------------------------------------

DIRECTORY_PAGES = {
    "universities": {
        "title": t(
            "Universidades de la red",
            en="Universities in the network",
            pt="Universidades da rede",
            fr="Universités du réseau",
        ),
        "slug": t(
            "universidades-de-la-red",
            en="network-universities",
            pt="universidades-da-rede",
            fr="universites-du-reseau",
        ),
        "intro": t(
            "Las universidades que se han sumado a la campaña, su avance en los cuatro "
            "criterios y las organizaciones de pequeños productores con las que "
            "trabajan.",
            en="The universities that have joined the campaign, how far they have got "
            "with the four criteria and the small producer organisations they work "
            "with.",
            pt="As universidades que aderiram à campanha, o seu avanço nos quatro "
            "critérios e as organizações de pequenos produtores com as quais "
            "trabalham.",
            fr="Les universités qui ont rejoint la campagne, où elles en sont des "
            "quatre critères et les organisations de petits producteurs avec "
            "lesquelles elles travaillent.",
        ),
    },
    "towns": {
        "title": t(
            "Pueblos y ciudades de la red",
            en="Towns and cities in the network",
            pt="Cidades da rede",
            fr="Villes et villages du réseau",
        ),
        "slug": t(
            "pueblos-y-ciudades-de-la-red",
            en="network-towns",
            pt="cidades-da-rede",
            fr="villes-du-reseau",
        ),
        "intro": t(
            "Los municipios que trabajan con su comunidad por el comercio justo: en "
            "qué punto está cada uno y con qué organizaciones de productores se "
            "relaciona.",
            en="The municipalities working with their community for fair trade: where "
            "each one stands and which producer organisations it is linked to.",
            pt="Os municípios que trabalham com a sua comunidade pelo comércio justo: "
            "em que ponto está cada um e com quais organizações de produtores se "
            "relaciona.",
            fr="Les communes qui travaillent avec leurs habitants pour le commerce "
            "équitable : où en est chacune et avec quelles organisations de "
            "producteurs elle est liée.",
        ),
    },
}

# --- criteria (defined on the Spanish campaign; translated rows share a key) -----------

CRITERIA = {
    "universities": [
        {
            "code": "compromiso",
            "title": t(
                "Compromiso de las autoridades",
                en="Commitment of the university authorities",
                pt="Compromisso das autoridades",
                fr="Engagement des autorités universitaires",
            ),
            "description": t(
                "El rectorado o el consejo universitario adopta por escrito el "
                "compromiso de apoyar el comercio justo y nombra a una persona "
                "responsable.",
                en="The rector's office or the university council commits in writing "
                "to supporting fair trade and names a person in charge.",
                pt="A reitoria ou o conselho universitário assume por escrito o "
                "compromisso de apoiar o comércio justo e designa uma pessoa "
                "responsável.",
                fr="Le rectorat ou le conseil de l’université s’engage par écrit à "
                "soutenir le commerce équitable et désigne une personne responsable.",
            ),
            "evidence_hint": t(
                "La resolución o el acuerdo firmado por las autoridades.",
                en="The resolution or agreement signed by the authorities.",
                pt="A resolução ou o acordo assinado pelas autoridades.",
                fr="La résolution ou l’accord signé par les autorités.",
            ),
            "target": None,
        },
        {
            "code": "actividades",
            "title": t(
                "Actividades académicas y de extensión",
                en="Academic and outreach activities",
                pt="Atividades acadêmicas e de extensão",
                fr="Activités académiques et d’ouverture à la société",
            ),
            "description": t(
                "Cursos, investigaciones, foros o ferias sobre comercio justo y "
                "consumo responsable, abiertos a estudiantes y a la comunidad: al "
                "menos cuatro al año.",
                en="Courses, research, forums or fairs on fair trade and responsible "
                "consumption, open to students and the community: at least four a "
                "year.",
                pt="Cursos, pesquisas, fóruns ou feiras sobre comércio justo e consumo "
                "responsável, abertos aos estudantes e à comunidade: pelo menos "
                "quatro por ano.",
                fr="Cours, recherches, forums ou salons sur le commerce équitable et "
                "la consommation responsable, ouverts aux étudiants et au public : "
                "au moins quatre par an.",
            ),
            "evidence_hint": t(
                "El programa de cada actividad, con su fecha.",
                en="The programme of each activity, with its date.",
                pt="A programação de cada atividade, com a data.",
                fr="Le programme de chaque activité, avec sa date.",
            ),
            "target": 4,
        },
        {
            "code": "compras",
            "title": t(
                "Compra institucional de productos de comercio justo",
                en="Institutional purchase of fair-trade products",
                pt="Compra institucional de produtos do comércio justo",
                fr="Achats institutionnels de produits équitables",
            ),
            "description": t(
                "Cafeterías, comedores, eventos y regalos institucionales ofrecen "
                "productos de comercio justo, de preferencia de organizaciones de "
                "pequeños productores.",
                en="Cafés, canteens, events and institutional gifts offer fair-trade "
                "products, preferably from small producer organisations.",
                pt="Cafeterias, refeitórios, eventos e brindes institucionais oferecem "
                "produtos do comércio justo, de preferência de organizações de "
                "pequenos produtores.",
                fr="Cafétérias, restaurants universitaires, événements et cadeaux "
                "institutionnels proposent des produits équitables, de préférence "
                "issus d’organisations de petits producteurs.",
            ),
            "evidence_hint": t(
                "Facturas o contratos de compra de los últimos doce meses.",
                en="Invoices or purchase contracts from the last twelve months.",
                pt="Notas fiscais ou contratos de compra dos últimos doze meses.",
                fr="Factures ou contrats d’achat des douze derniers mois.",
            ),
            "target": None,
        },
        {
            "code": "vinculos",
            "title": t(
                "Vínculo directo con organizaciones de pequeños productores",
                en="Direct links with small producer organisations",
                pt="Vínculo direto com organizações de pequenos produtores",
                fr="Liens directs avec des organisations de petits producteurs",
            ),
            "description": t(
                "Un convenio, prácticas, visitas o proyectos compartidos con al menos "
                "una organización de pequeños productores de comercio justo.",
                en="An agreement, internships, visits or joint projects with at least "
                "one small producer organisation of fair trade.",
                pt="Um convênio, estágios, visitas ou projetos em comum com pelo menos "
                "uma organização de pequenos produtores do comércio justo.",
                fr="Une convention, des stages, des visites ou des projets communs "
                "avec au moins une organisation de petits producteurs équitable.",
            ),
            "evidence_hint": t(
                "El convenio firmado o el informe de la visita.",
                en="The signed agreement or the report of the visit.",
                pt="O convênio assinado ou o relatório da visita.",
                fr="La convention signée ou le compte rendu de la visite.",
            ),
            "target": None,
        },
    ],
    "towns": [
        {
            "code": "ordenanza",
            "title": t(
                "Resolución u ordenanza municipal",
                en="Council resolution or by-law",
                pt="Resolução ou lei municipal",
                fr="Délibération ou arrêté municipal",
            ),
            "description": t(
                "El concejo municipal aprueba una resolución u ordenanza que apoya el "
                "comercio justo y el consumo responsable en el municipio.",
                en="The town council passes a resolution or by-law supporting fair "
                "trade and responsible consumption in the municipality.",
                pt="A câmara municipal aprova uma resolução ou lei que apoia o "
                "comércio justo e o consumo responsável no município.",
                fr="Le conseil municipal adopte une délibération ou un arrêté en "
                "faveur du commerce équitable et de la consommation responsable dans "
                "la commune.",
            ),
            "evidence_hint": t(
                "El texto aprobado, con su número y fecha.",
                en="The text as passed, with its number and date.",
                pt="O texto aprovado, com número e data.",
                fr="Le texte adopté, avec son numéro et sa date.",
            ),
            "target": None,
        },
        {
            "code": "productos",
            "title": t(
                "Productos de comercio justo en comercios e instituciones",
                en="Fair-trade products in local shops and institutions",
                pt="Produtos do comércio justo no comércio e nas instituições",
                fr="Produits équitables dans les commerces et les institutions",
            ),
            "description": t(
                "Tiendas, mercados, cafeterías y oficinas públicas del municipio "
                "venden o usan productos de comercio justo.",
                en="Shops, markets, cafés and public offices in the municipality sell "
                "or use fair-trade products.",
                pt="Lojas, feiras, cafeterias e repartições públicas do município "
                "vendem ou usam produtos do comércio justo.",
                fr="Boutiques, marchés, cafés et services publics de la commune "
                "vendent ou utilisent des produits équitables.",
            ),
            "evidence_hint": t(
                "La lista de comercios e instituciones, con los productos.",
                en="The list of shops and institutions, with the products.",
                pt="A lista de estabelecimentos e instituições, com os produtos.",
                fr="La liste des commerces et des institutions, avec les produits.",
            ),
            "target": None,
        },
        {
            "code": "comite",
            "title": t(
                "Comité local",
                en="Local committee",
                pt="Comitê local",
                fr="Comité local",
            ),
            "description": t(
                "Un comité con representantes del municipio, la sociedad civil y los "
                "productores impulsa la campaña y se reúne con regularidad.",
                en="A committee of people from the council, civil society and "
                "producers drives the campaign and meets regularly.",
                pt="Um comitê com representantes do município, da sociedade civil e "
                "dos produtores impulsiona a campanha e se reúne regularmente.",
                fr="Un comité réunissant la commune, la société civile et les "
                "producteurs anime la campagne et se réunit régulièrement.",
            ),
            "evidence_hint": t(
                "El acta de constitución y las actas de las reuniones.",
                en="The minutes of its founding and of its meetings.",
                pt="A ata de constituição e as atas das reuniões.",
                fr="Le procès-verbal de sa création et ceux de ses réunions.",
            ),
            "target": None,
        },
        {
            "code": "sensibilizacion",
            "title": t(
                "Actividades de sensibilización",
                en="Public awareness activities",
                pt="Atividades de sensibilização",
                fr="Actions de sensibilisation",
            ),
            "description": t(
                "Ferias, charlas, campañas en medios o en escuelas para dar a conocer "
                "el comercio justo: al menos tres al año.",
                en="Fairs, talks, media or school campaigns that make fair trade "
                "known: at least three a year.",
                pt="Feiras, palestras, campanhas na mídia ou nas escolas para divulgar "
                "o comércio justo: pelo menos três por ano.",
                fr="Salons, conférences, campagnes dans les médias ou les écoles pour "
                "faire connaître le commerce équitable : au moins trois par an.",
            ),
            "evidence_hint": t(
                "Fotos, notas de prensa o el programa de cada actividad.",
                en="Photos, press cuttings or the programme of each activity.",
                pt="Fotos, notas de imprensa ou a programação de cada atividade.",
                fr="Photos, articles de presse ou le programme de chaque action.",
            ),
            "target": 3,
        },
    ],
}

#: How long a declared status lasts before it is checked again (months).
VALIDITY_MONTHS = 24

# --- producer organisations (fictional; named as they would call themselves) -----------

PRODUCERS = {
    "soufriere-bananas": {
        "name": "Soufrière Fair Trade Banana Growers",
        "country": "LC",
        "products": "Bananas",
    },
    "windward-valley": {
        "name": "Windward Valley Farmers' Association",
        "country": "VC",
        "products": "Bananas, plantains",
    },
    "nature-isle-growers": {
        "name": "Nature Isle Smallholders Group",
        "country": "DM",
        "products": "Bananas, cocoa",
    },
    "cacao-cibao": {
        "name": "Cooperativa de Cacaocultores del Cibao",
        "country": "DO",
        "products": "Cacao",
    },
    "alto-mayo": {
        "name": "Cooperativa Agraria Cafetalera Alto Mayo Verde",
        "country": "PE",
        "products": "Café, cacao",
    },
    "sierra-cauca": {
        "name": "Asociación de Caficultores Sierra del Cauca",
        "country": "CO",
        "products": "Café",
    },
    "montana-azul": {
        "name": "Cooperativa Cafetalera Montaña Azul",
        "country": "HN",
        "products": "Café",
    },
    "cerro-verde": {
        "name": "Cooperativa Multisectorial Cerro Verde",
        "country": "NI",
        "products": "Café, miel",
    },
    "sierra-sur": {
        "name": "Unión de Productores Orgánicos de la Sierra Sur",
        "country": "MX",
        "products": "Café",
    },
    "apicultores-altiplano": {
        "name": "Asociación de Apicultores del Altiplano Occidental",
        "country": "GT",
        "products": "Miel",
    },
    "mantiqueira": {
        "name": "Cooperativa dos Agricultores Familiares da Mantiqueira",
        "country": "BR",
        "products": "Café",
    },
    "guaira-azucar": {
        "name": "Cooperativa Campesina Azucarera del Guairá",
        "country": "PY",
        "products": "Azúcar de caña",
    },
    "quinua-andina": {
        "name": "Asociación de Productores de Quinua Andina",
        "country": "BO",
        "products": "Quinua",
        "is_public": False,  # still deciding whether to be shown
    },
}

# --- participants ----------------------------------------------------------------------

#: The order a participant moves through; the demo walks it with ``set_status``.
STATUS_PATH = [
    "interested",
    "registered",
    "in_progress",
    "declared",
    "renewal_due",
    "lapsed",
]


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


# Each participant: its campaign, name (never translated), kind, country and a city
# of core.places (its coordinates are the city's), status, when it joined
# (``since``), when it was declared (declared, renewal due and lapsed ones), the
# producer organisations it works with, descriptions by language (the first is the
# original), its contact (name, role, language) and its activities
# (date, kind, description, whether it counts towards the target criterion).
# ``consent`` (listing consent) defaults to True, ``public`` to True.
PARTICIPANTS = [
    # --- universities ------------------------------------------------------------------
    {
        "key": "u-sierra-oaxaca",
        "campaign": "universities",
        "name": "Universidad Comunitaria de la Sierra de Oaxaca",
        "kind": "university",
        "country": "MX",
        "city": "Oaxaca",
        "status": "declared",
        "since": d("2024-02-12"),
        "declared_on": d("2025-05-20"),
        "producers": ["sierra-sur"],
        "descriptions": {
            "es": "Su cátedra de economía solidaria trabaja con cafetaleros de la "
            "Sierra Sur y sirve café de comercio justo en sus tres cafeterías.",
            "en": "Its chair of solidarity economics works with coffee growers of the "
            "Sierra Sur and serves fair-trade coffee in its three cafés.",
        },
        "contact": ("Lucía Mendoza Ruiz", "Coordinadora de extensión", "es"),
        "activities": [
            (
                "2025-03-14",
                "course",
                "Curso optativo «Comercio justo y territorio», con 40 estudiantes.",
                True,
            ),
            ("2025-04-22", "event", "Feria de productores en el patio central.", True),
            (
                "2025-09-10",
                "purchase",
                "Contrato anual de café con la Sierra Sur.",
                False,
            ),
        ],
    },
    {
        "key": "u-tecnologica-tapachula",
        "campaign": "universities",
        "name": "Universidad Tecnológica del Soconusco",
        "kind": "university",
        "country": "MX",
        "city": "Tapachula",
        "status": "in_progress",
        "since": d("2025-08-01"),
        "producers": [],
        "descriptions": {
            "es": "Ingeniería agroindustrial estudia con productores del Soconusco "
            "cómo bajar los costos de certificación de sus cooperativas.",
        },
        "contact": ("Jorge Cifuentes", "Docente de agroindustria", "es"),
        "activities": [
            (
                "2026-03-05",
                "research",
                "Estudio de costos de certificación en tres cooperativas de la región.",
                True,
            ),
        ],
    },
    {
        "key": "u-altiplano-xela",
        "campaign": "universities",
        "name": "Universidad del Altiplano Occidental",
        "kind": "university",
        "country": "GT",
        "city": "Quetzaltenango",
        "status": "declared",
        "since": d("2023-10-02"),
        "declared_on": d("2025-02-18"),
        "producers": ["apicultores-altiplano"],
        "descriptions": {
            "es": "Ofrece un diplomado en comercio justo en español y en k'iche' y "
            "compra la miel de sus eventos a apicultores de la región.",
        },
        "contact": ("Rosa Xiloj", "Directora de vinculación", "es"),
        "activities": [
            ("2024-11-20", "course", "Diplomado bilingüe en comercio justo.", True),
            (
                "2025-01-15",
                "event",
                "Encuentro de apicultores y estudiantes de agronomía.",
                True,
            ),
        ],
    },
    {
        "key": "u-copan",
        "campaign": "universities",
        "name": "Universidad Regional de Occidente de Honduras",
        "kind": "university",
        "country": "HN",
        "city": "Santa Rosa de Copán",
        "status": "registered",
        "since": d("2026-06-03"),
        "producers": ["montana-azul"],
        "descriptions": {
            "es": "Se sumó en 2026 y prepara con la cooperativa Montaña Azul un "
            "programa de prácticas para estudiantes de administración.",
        },
        "contact": ("Marvin Aguilar", "Vicerrector académico", "es"),
        "activities": [
            (
                "2026-07-09",
                "event",
                "Presentación de la campaña al consejo universitario.",
                False,
            ),
        ],
    },
    {
        "key": "u-norte-matagalpa",
        "campaign": "universities",
        "name": "Universidad Agraria del Norte",
        "kind": "university",
        "country": "NI",
        "city": "Matagalpa",
        "status": "renewal_due",
        "since": d("2022-03-01"),
        "declared_on": d("2024-12-10"),
        "producers": ["cerro-verde"],
        "descriptions": {
            "es": "Fue de las primeras en declararse; su finca escuela recibe cada año "
            "a socias de la cooperativa Cerro Verde.",
            "en": "One of the first to be declared; its teaching farm hosts members of "
            "the Cerro Verde cooperative every year.",
        },
        "contact": ("Ernesto Blandón", "Coordinador de la finca escuela", "es"),
        "activities": [
            ("2024-10-04", "event", "Jornada de campo en la finca escuela.", True),
            (
                "2025-06-18",
                "research",
                "Tesis sobre el precio mínimo del café y el ingreso de las familias.",
                True,
            ),
        ],
    },
    {
        "key": "u-heredia",
        "campaign": "universities",
        "name": "Universidad Pública de Heredia",
        "kind": "university",
        "country": "CR",
        "city": "Heredia",
        "status": "in_progress",
        "since": d("2025-04-21"),
        "producers": [],
        "descriptions": {
            "es": "Su escuela de economía revisa las compras de la universidad para "
            "incluir café y azúcar de comercio justo.",
        },
        "contact": ("Daniela Quesada", "Investigadora", "es"),
        "activities": [
            (
                "2025-10-02",
                "purchase",
                "Primera licitación con cláusula de comercio justo para el café.",
                False,
            ),
            (
                "2026-02-11",
                "media",
                "Programa de radio universitaria sobre consumo responsable.",
                True,
            ),
        ],
    },
    {
        "key": "u-cauca",
        "campaign": "universities",
        "name": "Universidad Intercultural del Cauca",
        "kind": "university",
        "country": "CO",
        "city": "Popayán",
        "status": "declared",
        "since": d("2023-05-15"),
        "declared_on": d("2024-11-28"),
        "producers": ["sierra-cauca"],
        "descriptions": {
            "es": "Investiga con la Asociación Sierra del Cauca la calidad del café de "
            "altura y organiza cada año la Semana del Comercio Justo.",
        },
        "contact": ("Camilo Muñoz Chantre", "Profesor de agroecología", "es"),
        "activities": [
            ("2024-05-13", "event", "Semana del Comercio Justo, quinta edición.", True),
            (
                "2024-08-20",
                "research",
                "Análisis sensorial de cafés de la asociación.",
                True,
            ),
            ("2025-05-12", "event", "Semana del Comercio Justo, sexta edición.", True),
        ],
    },
    {
        "key": "u-andes-manizales",
        "campaign": "universities",
        "name": "Universidad Cafetera de los Andes",
        "kind": "university",
        "country": "CO",
        "city": "Manizales",
        "status": "interested",
        "since": d("2026-10-19"),
        "consent": False,
        "producers": [],
        "descriptions": {},
        "contact": ("Paula Giraldo", "Asistente de rectoría", "es"),
        "activities": [
            (
                "2026-10-19",
                "event",
                "Reunión informativa con el equipo de la campaña.",
                False,
            ),
        ],
    },
    {
        "key": "u-cusco",
        "campaign": "universities",
        "name": "Universidad Andina del Sur",
        "kind": "university",
        "country": "PE",
        "city": "Cusco",
        "status": "in_progress",
        "since": d("2025-01-27"),
        "producers": ["alto-mayo"],
        "descriptions": {
            "es": "Su facultad de turismo diseña rutas con cooperativas de café y "
            "cacao y ya compra café de comercio justo.",
            "pt-br": "A faculdade de turismo desenha roteiros com cooperativas de café "
            "e cacau e já compra café do comércio justo.",
        },
        "contact": ("Milagros Quispe", "Decana de turismo", "es"),
        "activities": [
            (
                "2025-06-24",
                "event",
                "Feria de café y cacao en la plaza de la universidad.",
                True,
            ),
            (
                "2025-11-07",
                "course",
                "Seminario de turismo comunitario y comercio justo.",
                True,
            ),
        ],
    },
    {
        "key": "u-quito",
        "campaign": "universities",
        "name": "Universidad Andina de Pichincha",
        "kind": "university",
        "country": "EC",
        "city": "Quito",
        "status": "lapsed",
        "since": d("2020-09-01"),
        "declared_on": d("2022-03-15"),
        "producers": [],
        "descriptions": {
            "es": "Estuvo declarada de 2022 a 2024; no presentó la renovación.",
        },
        "contact": ("Andrés Villacís", "Exresponsable de la campaña", "es"),
        "activities": [
            (
                "2022-02-10",
                "course",
                "Módulo de comercio justo en la carrera de administración.",
                True,
            ),
        ],
    },
    {
        "key": "u-minas",
        "campaign": "universities",
        "name": "Universidade Comunitária da Mantiqueira",
        "kind": "university",
        "country": "BR",
        "city": "Poços de Caldas",
        "status": "declared",
        "since": d("2023-03-06"),
        "declared_on": d("2025-08-29"),
        "producers": ["mantiqueira"],
        "original_language": "pt-br",
        "descriptions": {
            "pt-br": "Mantém com a cooperativa da Mantiqueira um projeto de extensão "
            "sobre qualidade do café e renda das famílias agricultoras.",
            "es": "Mantiene con la cooperativa de la Mantiqueira un proyecto de "
            "extensión sobre calidad del café e ingreso de las familias.",
        },
        "contact": ("Mariana Figueiredo", "Coordenadora de extensão", "pt-br"),
        "activities": [
            ("2025-04-15", "course", "Disciplina optativa de comércio justo.", True),
            ("2025-05-30", "event", "Visita de estudantes à cooperativa.", True),
            (
                "2025-07-02",
                "purchase",
                "Café da cooperativa no restaurante universitário.",
                False,
            ),
        ],
    },
    {
        "key": "u-recife",
        "campaign": "universities",
        "name": "Universidade Popular do Recife",
        "kind": "university",
        "country": "BR",
        "city": "Recife",
        "status": "registered",
        "since": d("2026-04-08"),
        "producers": [],
        "original_language": "pt-br",
        "descriptions": {
            "pt-br": "Entrou na rede em 2026 com um grupo de estudantes de economia "
            "solidária.",
        },
        "contact": ("Tiago Albuquerque", "Professor", "pt-br"),
        "activities": [
            (
                "2026-05-20",
                "event",
                "Roda de conversa sobre consumo responsável.",
                True,
            ),
        ],
    },
    {
        "key": "u-rosario",
        "campaign": "universities",
        "name": "Universidad Popular de Rosario",
        "kind": "university",
        "country": "AR",
        "city": "Rosario",
        "status": "in_progress",
        "since": d("2025-05-05"),
        "consent": False,  # still waiting for the rector's office to agree
        "producers": ["guaira-azucar"],
        "descriptions": {
            "es": "Trabaja con una cooperativa azucarera paraguaya en un curso de "
            "comercio exterior solidario.",
        },
        "contact": ("Verónica Sosa", "Secretaria de extensión", "es"),
        "activities": [
            ("2025-09-16", "course", "Curso de comercio exterior solidario.", True),
        ],
    },
    {
        "key": "u-santo-domingo",
        "campaign": "universities",
        "name": "Universidad Autónoma del Caribe Dominicano",
        "kind": "university",
        "country": "DO",
        "city": "San Francisco de Macorís",
        "status": "declared",
        "since": d("2023-09-11"),
        "declared_on": d("2025-10-07"),
        "producers": ["cacao-cibao"],
        "descriptions": {
            "es": "Su laboratorio de alimentos analiza el cacao de la cooperativa del "
            "Cibao; la universidad regala chocolate de comercio justo en sus actos.",
        },
        "contact": ("Yokasta Rosario", "Directora del laboratorio", "es"),
        "activities": [
            (
                "2025-03-03",
                "research",
                "Perfil de fermentación del cacao de la cooperativa.",
                True,
            ),
            ("2025-06-12", "event", "Foro de cacao y comercio justo.", True),
        ],
    },
    {
        "key": "u-agriculture-tt",
        "campaign": "universities",
        "name": "College of Agriculture of Trinidad and Tobago",
        "kind": "university",
        "country": "TT",
        "city": "San Fernando",
        "status": "in_progress",
        "since": d("2025-09-22"),
        "producers": ["nature-isle-growers"],
        "original_language": "en",
        "descriptions": {
            "en": "Its agribusiness students spend a term with smallholders in "
            "Dominica and report on their cocoa.",
        },
        "contact": ("Anisa Ramdial", "Head of agribusiness", "en"),
        "activities": [
            ("2026-01-26", "course", "Field term with smallholders in Dominica.", True),
        ],
    },
    {
        "key": "u-kingston",
        "campaign": "universities",
        "name": "Caribbean University of Technology",
        "kind": "university",
        "country": "JM",
        "city": "Kingston",
        "status": "registered",
        "since": d("2026-05-14"),
        "producers": [],
        "original_language": "en",
        "descriptions": {
            "en": "It joined in 2026 and is reviewing what its cafés buy.",
            "es": "Se sumó en 2026 y revisa lo que compran sus cafeterías.",
        },
        "contact": ("Marcia Campbell", "Sustainability officer", "en"),
        "activities": [
            (
                "2026-06-30",
                "purchase",
                "Audit of the coffee and tea its cafés buy.",
                False,
            ),
        ],
    },
    {
        "key": "u-havana",
        "campaign": "universities",
        "name": "Centro Universitario del Centro de Cuba (grupo de economía social)",
        "kind": "university",
        "country": "CU",
        "city": "Santa Clara",
        "status": "registered",
        "since": d("2026-11-02"),
        "producers": [],
        "descriptions": {},
        "contact": ("Yanelis Pérez", "Profesora", "es"),
        "activities": [],
    },
    # --- towns -------------------------------------------------------------------------
    {
        "key": "t-castries",
        "campaign": "towns",
        "name": "Castries City Council",
        "kind": "town",
        "country": "LC",
        "city": "Castries",
        "status": "declared",
        "since": d("2023-06-01"),
        "declared_on": d("2025-03-17"),
        "producers": ["soufriere-bananas"],
        "original_language": "en",
        "descriptions": {
            "en": "The council buys bananas from the Soufrière growers for school "
            "meals and hosts a fair-trade stall at the central market.",
            "es": "El concejo compra bananos a los productores de Soufrière para los "
            "comedores escolares y tiene un puesto de comercio justo en el mercado.",
        },
        "contact": ("Claudette Joseph", "Town clerk", "en"),
        "activities": [
            (
                "2024-11-05",
                "ordinance",
                "Council resolution on fair-trade purchasing.",
                False,
            ),
            ("2025-01-18", "event", "Fair-trade stall at Castries market.", True),
            ("2025-02-14", "media", "Radio spot with banana growers.", True),
        ],
    },
    {
        "key": "t-kingstown",
        "campaign": "towns",
        "name": "Kingstown Town Board",
        "kind": "town",
        "country": "VC",
        "city": "Kingstown",
        "status": "in_progress",
        "since": d("2025-02-10"),
        "producers": ["windward-valley"],
        "original_language": "en",
        "descriptions": {
            "en": "A local committee of farmers, traders and the board has met "
            "monthly since 2025.",
        },
        "contact": ("Desmond Ollivierre", "Community officer", "en"),
        "activities": [
            (
                "2025-10-24",
                "event",
                "Fair-trade fortnight at the Kingstown market.",
                True,
            ),
        ],
    },
    {
        "key": "t-roseau",
        "campaign": "towns",
        "name": "Roseau City Council",
        "kind": "town",
        "country": "DM",
        "city": "Roseau",
        "status": "registered",
        "since": d("2026-03-09"),
        "producers": ["nature-isle-growers"],
        "original_language": "en",
        "descriptions": {
            "en": "Registered in 2026, it is drafting its fair-trade resolution with "
            "the growers' group.",
        },
        "contact": ("Patricia Laville", "Council secretary", "en"),
        "activities": [],
    },
    {
        "key": "t-bridgetown",
        "campaign": "towns",
        "name": "Bridgetown Fair Trade Town Group",
        "kind": "organization",
        "country": "BB",
        "city": "Bridgetown",
        "status": "interested",
        "since": d("2026-09-15"),
        "consent": False,
        "producers": [],
        "descriptions": {},
        "contact": ("Kareem Blackman", "Volunteer", "en"),
        "activities": [],
    },
    {
        "key": "t-santiago-rd",
        "campaign": "towns",
        "name": "Ayuntamiento de Santiago de los Caballeros",
        "kind": "town",
        "country": "DO",
        "city": "Santiago de los Caballeros",
        "status": "renewal_due",
        "since": d("2022-06-20"),
        "declared_on": d("2024-12-15"),
        "producers": ["cacao-cibao"],
        "descriptions": {
            "es": "Declarado en 2024; su comité local prepara el informe para renovar "
            "el título.",
        },
        "contact": ("Ramón Almonte", "Encargado de desarrollo económico", "es"),
        "activities": [
            ("2024-09-27", "event", "Festival del cacao en el parque central.", True),
            (
                "2025-10-10",
                "event",
                "Charlas en liceos sobre el cacao del Cibao.",
                True,
            ),
        ],
    },
    {
        "key": "t-marcala",
        "campaign": "towns",
        "name": "Municipalidad de Marcala",
        "kind": "town",
        "country": "HN",
        "city": "Marcala",
        "status": "declared",
        "since": d("2023-02-01"),
        "declared_on": d("2025-06-30"),
        "producers": ["montana-azul"],
        "descriptions": {
            "es": "Tierra de café: la ordenanza de 2024 pide café de comercio justo "
            "en todas las oficinas municipales.",
            "en": "Coffee country: its 2024 by-law asks for fair-trade coffee in every "
            "council office.",
        },
        "contact": ("Sandra Rodríguez", "Regidora", "es"),
        "activities": [
            (
                "2024-04-19",
                "ordinance",
                "Ordenanza municipal de comercio justo.",
                False,
            ),
            ("2024-10-01", "event", "Día del café en la plaza.", True),
            ("2025-03-08", "media", "Campaña en radio local con productoras.", True),
        ],
    },
    {
        "key": "t-esteli",
        "campaign": "towns",
        "name": "Alcaldía de Estelí",
        "kind": "town",
        "country": "NI",
        "city": "Estelí",
        "status": "in_progress",
        "since": d("2025-07-14"),
        "producers": ["cerro-verde"],
        "descriptions": {
            "es": "El mercado municipal tiene ya seis puestos con productos de "
            "comercio justo.",
        },
        "contact": ("Francisco Rugama", "Técnico municipal", "es"),
        "activities": [
            ("2026-02-20", "event", "Feria de la miel y el café.", True),
        ],
    },
    {
        "key": "t-huehuetenango",
        "campaign": "towns",
        "name": "Municipalidad de Huehuetenango",
        "kind": "town",
        "country": "GT",
        "city": "Huehuetenango",
        "status": "lapsed",
        "since": d("2019-11-11"),
        "declared_on": d("2021-09-01"),
        "producers": ["apicultores-altiplano"],
        "descriptions": {
            "es": "Su declaración venció en 2023 tras un cambio de gobierno municipal.",
        },
        "contact": ("Edgar Recinos", "Ex concejal", "es"),
        "activities": [
            ("2021-05-05", "event", "Feria de apicultores.", True),
        ],
    },
    {
        "key": "t-jaen",
        "campaign": "towns",
        "name": "Municipalidad Provincial de Jaén",
        "kind": "town",
        "country": "PE",
        "city": "Jaén",
        "status": "declared",
        "since": d("2023-08-08"),
        "declared_on": d("2025-09-12"),
        "producers": ["alto-mayo"],
        "descriptions": {
            "es": "Ciudad cafetalera del norte peruano: sus colegios sirven café y "
            "cacao de cooperativas de la provincia.",
        },
        "contact": ("Rocío Vásquez", "Gerente de desarrollo social", "es"),
        "activities": [
            ("2025-04-10", "event", "Concurso escolar de cacao y café.", True),
            ("2025-06-05", "media", "Serie de notas en la radio provincial.", True),
            ("2025-07-21", "event", "Feria cafetalera de Jaén.", True),
        ],
    },
    {
        "key": "t-cuenca",
        "campaign": "towns",
        "name": "GAD Municipal de Cuenca",
        "kind": "town",
        "country": "EC",
        "city": "Cuenca",
        "status": "registered",
        "since": d("2026-02-02"),
        "is_public": False,  # the council asked not to be shown yet
        "producers": [],
        "descriptions": {
            "es": "Prepara su comité local con la universidad y las ferias "
            "agroecológicas.",
        },
        "contact": ("Gabriela Ordóñez", "Analista de economía popular", "es"),
        "activities": [],
    },
    {
        "key": "t-cochabamba",
        "campaign": "towns",
        "name": "Gobierno Autónomo Municipal de Cochabamba",
        "kind": "town",
        "country": "BO",
        "city": "Cochabamba",
        "status": "in_progress",
        "since": d("2025-03-03"),
        "producers": ["quinua-andina"],
        "descriptions": {
            "es": "Su comité local reúne a feriantes, productores de quinua y la "
            "dirección de desarrollo productivo.",
        },
        "contact": ("Wilma Choque", "Directora de desarrollo productivo", "es"),
        "activities": [
            ("2025-08-15", "event", "Feria de la quinua y los granos andinos.", True),
            ("2026-04-22", "media", "Spot televisivo sobre consumo responsable.", True),
        ],
    },
    {
        "key": "t-valparaiso",
        "campaign": "towns",
        "name": "Municipalidad de Valparaíso",
        "kind": "town",
        "country": "CL",
        "city": "Valparaíso",
        "status": "renewal_due",
        "since": d("2021-10-04"),
        "declared_on": d("2024-12-20"),
        "producers": ["sierra-cauca"],
        "descriptions": {
            "es": "Declarada en 2024; sus almacenes de barrio venden café y azúcar "
            "de comercio justo.",
        },
        "contact": ("Felipe Araya", "Encargado de fomento productivo", "es"),
        "activities": [
            ("2024-10-18", "event", "Mes del comercio justo en los cerros.", True),
        ],
    },
    {
        "key": "t-asuncion",
        "campaign": "towns",
        "name": "Municipalidad de Asunción",
        "kind": "town",
        "country": "PY",
        "city": "Asunción",
        "status": "lapsed",
        "since": d("2020-05-05"),
        "declared_on": d("2022-06-01"),
        "consent": False,
        "producers": ["guaira-azucar"],
        "descriptions": {},
        "contact": ("Liz Benítez", "Ex coordinadora", "es"),
        "activities": [],
    },
    {
        "key": "t-montevideo",
        "campaign": "towns",
        "name": "Intendencia de Montevideo (Municipio B)",
        "kind": "town",
        "country": "UY",
        "city": "Montevideo",
        "status": "interested",
        "since": d("2026-11-20"),
        "consent": True,
        "producers": [],
        "descriptions": {},
        "contact": ("Natalia Techera", "Referente de economía social", "es"),
        "activities": [],
    },
    {
        "key": "t-cap-haitien",
        "campaign": "towns",
        "name": "Mairie du Cap-Haïtien",
        "kind": "town",
        "country": "HT",
        "city": "Cap-Haïtien",
        "status": "registered",
        "since": d("2026-01-12"),
        "producers": [],
        "original_language": "fr",
        "descriptions": {
            "fr": "Inscrite en 2026, la mairie réunit les coopératives de cacao du "
            "Nord pour préparer son comité local.",
        },
        "contact": ("Jean-Robert Michel", "Chargé du développement local", "fr"),
        "activities": [
            ("2026-03-21", "event", "Rencontre avec les coopératives de cacao.", True),
        ],
    },
]

#: Public evidence notes per criterion code (no personal data), in Spanish.
EVIDENCE_NOTES = {
    "compromiso": "Resolución del consejo universitario.",
    "actividades": "Programas de las actividades del año.",
    "compras": "Contratos de compra de las cafeterías.",
    "vinculos": "Convenio firmado con una organización de productores.",
    "ordenanza": "Texto aprobado por el concejo.",
    "productos": "Lista de comercios e instituciones participantes.",
    "comite": "Acta de constitución del comité local.",
    "sensibilizacion": "Programas y notas de prensa de las actividades.",
}


def participant_email(spec) -> str:
    return f"{spec['key']}@example.org"


def participant_phone(index: int) -> str:
    return f"+00 555 {index:04d}"


#: Why the status changed, as a coordinator would write it (admin only, Spanish).
STATUS_REASONS = {
    "registered": "Inscripción confirmada por el equipo de campañas.",
    "in_progress": "Empezó a trabajar en los criterios.",
    "declared": "Cumple todos los criterios; declaración firmada.",
    "renewal_due": "La declaración vence en tres meses.",
    "lapsed": "No presentó la renovación a tiempo.",
}

# --- CLAC's country networks (issue 18 item 5) -----------------------------------------
# The seed text (CLAC's advocacy page) says CLAC acts with its Country Networks, which
# make alliances at country level and take its advocacy to national public policy;
# it names none of them. The names below are therefore illustrative ("Red …",
# "Coordinadora …", the forms such networks use), not the real networks' names, and
# the descriptions are ours. Addresses are organisational, at example.org.

NETWORK_INDEX_PAGE = {
    "title": t(
        "Redes de País",
        en="Country Networks",
        pt="Redes Nacionais",
        fr="Les réseaux nationaux",
    ),
    "slug": t(
        "redes-de-pais",
        en="country-networks",
        pt="redes-nacionais",
        fr="reseaux-nationaux",
    ),
    "intro": t(
        "En cada país, las organizaciones de pequeños productores de la CLAC se "
        "organizan en una red nacional que lleva su voz ante gobiernos, mercados y "
        "aliados, y acompaña las campañas en su territorio.",
        en="In each country, CLAC's small producer organisations come together in a "
        "national network that speaks for them to governments, markets and allies, "
        "and supports the campaigns on the ground.",
        pt="Em cada país, as organizações de pequenos produtores da CLAC se reúnem "
        "em uma rede nacional que leva sua voz a governos, mercados e aliados e "
        "acompanha as campanhas em seu território.",
        fr="Dans chaque pays, les organisations de petits producteurs de la CLAC se "
        "regroupent en un réseau national qui porte leur voix auprès des "
        "gouvernements, des marchés et des alliés, et accompagne les campagnes sur "
        "le terrain.",
    ),
}

NETWORKS = [
    {
        "country": "MX",
        "name": "Coordinadora Mexicana de Pequeños Productores de Comercio Justo",
        "email": "coordinadora.mx@example.org",
        "description": t(
            "Reúne a las cooperativas de café, miel y otros productos del país. "
            "Dialoga con autoridades locales y federales sobre compras públicas y "
            "acompaña a los municipios que se suman a la campaña de pueblos.",
            en="It brings together the country's coffee, honey and other "
            "cooperatives. It talks with local and federal authorities about public "
            "purchasing and supports the municipalities joining the towns campaign.",
            pt="Reúne as cooperativas de café, mel e outros produtos do país. "
            "Dialoga com autoridades locais e federais sobre compras públicas e "
            "acompanha os municípios que aderem à campanha das cidades.",
            fr="Elle rassemble les coopératives de café, de miel et d'autres produits "
            "du pays. Elle dialogue avec les autorités locales et fédérales sur les "
            "achats publics et accompagne les communes qui rejoignent la campagne des "
            "villes.",
        ),
    },
    {
        "country": "GT",
        "name": "Red Guatemalteca de Organizaciones de Comercio Justo",
        "email": "red.gt@example.org",
        "description": t(
            "Agrupa a organizaciones de café y miel del altiplano y la costa. Forma a "
            "sus dirigentes en incidencia y lleva a las mesas de diálogo nacionales "
            "los temas de precio justo y cambio climático.",
            en="It groups coffee and honey organisations from the highlands and the "
            "coast. It trains their leaders in advocacy and takes fair prices and "
            "climate change to the national dialogue tables.",
            pt="Agrupa organizações de café e mel do planalto e da costa. Forma os "
            "seus dirigentes em incidência e leva às mesas de diálogo nacionais os "
            "temas de preço justo e mudança climática.",
            fr="Il regroupe des organisations de café et de miel des hauts plateaux "
            "et de la côte. Il forme leurs dirigeants au plaidoyer et porte les "
            "questions de prix juste et de changement climatique aux tables de "
            "dialogue nationales.",
        ),
    },
    {
        "country": "HN",
        "name": "Coordinadora Hondureña de Pequeños Productores de Comercio Justo",
        "email": "coordinadora.hn@example.org",
        "description": t(
            "Une a las cooperativas cafetaleras del país. Promueve el consumo "
            "responsable en universidades y ciudades y busca financiamiento "
            "adecuado para la pequeña producción.",
            en="It unites the country's coffee cooperatives. It promotes responsible "
            "consumption in universities and cities and seeks suitable finance for "
            "small-scale production.",
            pt="Une as cooperativas de café do país. Promove o consumo responsável em "
            "universidades e cidades e procura financiamento adequado para a pequena "
            "produção.",
            fr="Elle unit les coopératives de café du pays. Elle promeut la "
            "consommation responsable dans les universités et les villes et cherche "
            "des financements adaptés à la petite production.",
        ),
    },
    {
        "country": "NI",
        "name": "Red Nicaragüense de Comercio Justo",
        "email": "red.ni@example.org",
        "description": t(
            "Reúne a cooperativas de café, miel y cacao. Comparte información de "
            "mercados entre sus socias y representa a la pequeña producción ante "
            "instituciones públicas y compradores.",
            en="It brings together coffee, honey and cocoa cooperatives. It shares "
            "market information among its members and represents small producers to "
            "public institutions and buyers.",
            pt="Reúne cooperativas de café, mel e cacau. Partilha informação de "
            "mercados entre as suas associadas e representa a pequena produção "
            "perante instituições públicas e compradores.",
            fr="Il réunit des coopératives de café, de miel et de cacao. Il partage "
            "les informations de marché entre ses membres et représente les petits "
            "producteurs auprès des institutions publiques et des acheteurs.",
        ),
    },
    {
        "country": "DO",
        "name": "Coordinadora Dominicana de Comercio Justo",
        "email": "coordinadora.do@example.org",
        "description": t(
            "Agrupa a productores de cacao y banano. Impulsa alianzas con "
            "universidades del país y propone normas que reconozcan los aportes del "
            "comercio justo al desarrollo rural.",
            en="It groups cocoa and banana producers. It builds alliances with the "
            "country's universities and proposes rules that recognise what fair "
            "trade brings to rural development.",
            pt="Agrupa produtores de cacau e banana. Impulsiona alianças com "
            "universidades do país e propõe normas que reconheçam os contributos do "
            "comércio justo para o desenvolvimento rural.",
            fr="Elle regroupe des producteurs de cacao et de bananes. Elle noue des "
            "alliances avec les universités du pays et propose des règles qui "
            "reconnaissent l'apport du commerce équitable au développement rural.",
        ),
    },
    {
        "country": "CO",
        "name": "Red Colombiana de Pequeños Productores de Comercio Justo",
        "email": "red.co@example.org",
        "description": t(
            "Une a organizaciones de café, banano y panela de varias regiones. "
            "Trabaja con gobiernos locales en políticas de compra pública y con "
            "universidades en investigación sobre el comercio justo.",
            en="It unites coffee, banana and panela organisations from several "
            "regions. It works with local governments on public purchasing policies "
            "and with universities on research into fair trade.",
            pt="Une organizações de café, banana e rapadura de várias regiões. "
            "Trabalha com governos locais em políticas de compras públicas e com "
            "universidades em pesquisa sobre o comércio justo.",
            fr="Il unit des organisations de café, de bananes et de panela de "
            "plusieurs régions. Il travaille avec les collectivités locales sur les "
            "politiques d'achat public et avec les universités sur la recherche en "
            "commerce équitable.",
        ),
    },
    {
        "country": "PE",
        "name": "Coordinadora Peruana de Comercio Justo",
        "email": "coordinadora.pe@example.org",
        "description": t(
            "Reúne a cooperativas de café y cacao de la selva y la sierra. Lleva "
            "ante el Estado las propuestas de sus socias sobre crédito, "
            "infraestructura y adaptación al cambio climático.",
            en="It brings together coffee and cocoa cooperatives from the rainforest "
            "and the highlands. It takes its members' proposals on credit, "
            "infrastructure and climate adaptation to the state.",
            pt="Reúne cooperativas de café e cacau da selva e da serra. Leva ao "
            "Estado as propostas das suas associadas sobre crédito, infraestrutura e "
            "adaptação à mudança climática.",
            fr="Elle réunit des coopératives de café et de cacao de la forêt et des "
            "Andes. Elle porte auprès de l'État les propositions de ses membres sur "
            "le crédit, les infrastructures et l'adaptation au changement "
            "climatique.",
        ),
    },
    {
        "country": "BR",
        "name": "Rede Brasileira de Organizações de Comércio Justo",
        "email": "rede.br@example.org",
        "description": t(
            "Agrupa a cooperativas de café, jugos y frutas. Difunde el comercio "
            "justo en el mercado nacional y acompaña a las universidades y ciudades "
            "que se suman a las campañas.",
            en="It groups coffee, juice and fruit cooperatives. It spreads fair trade "
            "in the national market and supports the universities and cities that "
            "join the campaigns.",
            pt="Agrupa cooperativas de café, sucos e frutas. Divulga o comércio justo "
            "no mercado nacional e acompanha as universidades e cidades que aderem "
            "às campanhas.",
            fr="Il regroupe des coopératives de café, de jus et de fruits. Il fait "
            "connaître le commerce équitable sur le marché national et accompagne "
            "les universités et les villes qui rejoignent les campagnes.",
        ),
    },
    {
        "country": "PY",
        "name": "Red Paraguaya de Comercio Justo",
        "email": "red.py@example.org",
        "description": t(
            "Une a organizaciones campesinas de caña de azúcar orgánica. Defiende "
            "precios que cubran los costos de producción y promueve el consumo "
            "local de productos de comercio justo.",
            en="It unites farmers' organisations growing organic sugar cane. It "
            "stands up for prices that cover production costs and promotes local "
            "consumption of fair trade products.",
            pt="Une organizações camponesas de cana-de-açúcar orgânica. Defende "
            "preços que cubram os custos de produção e promove o consumo local de "
            "produtos de comércio justo.",
            fr="Il unit des organisations paysannes de canne à sucre biologique. Il "
            "défend des prix qui couvrent les coûts de production et promeut la "
            "consommation locale des produits du commerce équitable.",
        ),
    },
]
