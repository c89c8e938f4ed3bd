"""The demo content: CLAC's advocacy strategy, its six objectives, the two campaigns,
news and publications, and the pages every site needs.

Spanish is the source; each text is registered with ``t()`` together with its
English, Brazilian Portuguese and French translation. Facts follow CLAC's public
advocacy page, retold in our own words. People named as authors are fictional.
"""

import datetime

from .texts import same, t


def p(*paragraphs: str) -> str:
    """Rich text paragraphs."""
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


# --- Collections (created by bootstrap_site) ------------------------------------------------
INSTITUTIONAL = "Institucional"
CAMPAIGNS = "Campañas"
NEWS = "Noticias"
PUBLICATIONS = "Publicaciones"

LICENCE = "CC BY 4.0"
# Who made the demo pictures; pages put "Image:" before it in the reader's language.
CREDIT = "CLAC (demo)"

# --- Images: key -> what to draw (demo/drawings.py) and how to describe it ---------------
# Each subject is drawn once and used wherever it fits; ``alt`` describes the drawing.
IMAGES = {
    "landscape": {
        "title": "Ilustración: colinas al amanecer",
        "subject": "landscape",
        "seed": 11,
        "collection": INSTITUTIONAL,
        "alt": t(
            "Ilustración de colinas verdes bajo un cielo de amanecer, con el sol "
            "sobre ellas.",
            en="Illustration of green hills under a dawn sky, with the sun above them.",
            pt="Ilustração de colinas verdes sob um céu de amanhecer, com o sol acima "
            "delas.",
            fr="Illustration de collines vertes sous un ciel d’aube, avec le soleil "
            "au-dessus.",
        ),
    },
    "producers": {
        "title": "Ilustración: productores en el campo",
        "subject": "producers",
        "seed": 13,
        "collection": INSTITUTIONAL,
        "alt": t(
            "Ilustración de tres productores con sombrero en un campo sembrado, uno "
            "de ellos con una canasta.",
            en="Illustration of three producers in hats in a planted field, one of "
            "them carrying a basket.",
            pt="Ilustração de três produtores de chapéu num campo plantado, um deles "
            "com um cesto.",
            fr="Illustration de trois producteurs en chapeau dans un champ cultivé, "
            "l’un d’eux portant un panier.",
        ),
    },
    "coffee": {
        "title": "Ilustración: cafetos con cerezas",
        "subject": "coffee",
        "seed": 23,
        "collection": INSTITUTIONAL,
        "alt": t(
            "Ilustración de dos cafetos con cerezas rojas en sus ramas, en una ladera.",
            en="Illustration of two coffee shrubs with red cherries on their "
            "branches, on a hillside.",
            pt="Ilustração de dois pés de café com frutos vermelhos nos galhos, numa "
            "encosta.",
            fr="Illustration de deux caféiers chargés de cerises rouges, sur un coteau.",
        ),
    },
    "assembly": {
        "title": "Ilustración: asamblea",
        "subject": "assembly",
        "seed": 31,
        "collection": INSTITUTIONAL,
        "alt": t(
            "Ilustración de una asamblea, con personas sentadas en filas frente a una "
            "mesa bajo un cartel amarillo.",
            en="Illustration of an assembly, with people seated in rows facing a "
            "table under a yellow banner.",
            pt="Ilustração de uma assembleia, com pessoas sentadas em fileiras diante "
            "de uma mesa sob uma faixa amarela.",
            fr="Illustration d’une assemblée, avec des personnes assises en rangs face "
            "à une table sous une banderole jaune.",
        ),
    },
    "university": {
        "title": "Ilustración: universidad",
        "subject": "university",
        "seed": 53,
        "collection": CAMPAIGNS,
        "alt": t(
            "Ilustración de un edificio universitario con columnas y frontón, con "
            "estudiantes delante.",
            en="Illustration of a university building with columns and a pediment, "
            "with students in front.",
            pt="Ilustração de um prédio universitário com colunas e frontão, com "
            "estudantes na frente.",
            fr="Illustration d’un bâtiment universitaire à colonnes et fronton, avec "
            "des étudiants devant.",
        ),
    },
    "town": {
        "title": "Ilustración: pueblo con plaza",
        "subject": "town",
        "seed": 67,
        "collection": CAMPAIGNS,
        "alt": t(
            "Ilustración de un pueblo con casas de tejados rojos, el campanario de una "
            "iglesia y un puesto de mercado en la plaza.",
            en="Illustration of a town with red-roofed houses, a church bell tower and "
            "a market stall in the square.",
            pt="Ilustração de uma cidadezinha com casas de telhados vermelhos, a torre "
            "de uma igreja e uma barraca de feira na praça.",
            fr="Illustration d’un village aux maisons à toits rouges, avec un clocher "
            "d’église et un étal de marché sur la place.",
        ),
    },
    "honey": {
        "title": "Ilustración: panal y abejas",
        "subject": "honey",
        "seed": 71,
        "collection": CAMPAIGNS,
        "alt": t(
            "Ilustración de un panal de miel con celdas doradas y abejas volando "
            "alrededor.",
            en="Illustration of a honeycomb with golden cells and bees flying around "
            "it.",
            pt="Ilustração de um favo de mel com alvéolos dourados e abelhas voando "
            "ao redor.",
            fr="Illustration d’un rayon de miel aux cellules dorées, avec des abeilles "
            "qui volent autour.",
        ),
    },
    "cocoa": {
        "title": "Ilustración: árbol de cacao",
        "subject": "cocoa",
        "seed": 83,
        "collection": NEWS,
        "alt": t(
            "Ilustración de un árbol de cacao con mazorcas amarillas, naranjas y "
            "granates en el tronco.",
            en="Illustration of a cocoa tree with yellow, orange and maroon pods on "
            "its trunk.",
            pt="Ilustração de um cacaueiro com frutos amarelos, laranja e grená no "
            "tronco.",
            fr="Illustration d’un cacaoyer portant des cabosses jaunes, orange et "
            "grenat sur son tronc.",
        ),
    },
    "sugar_cane": {
        "title": "Ilustración: caña de azúcar",
        "subject": "sugar_cane",
        "seed": 89,
        "collection": NEWS,
        "alt": t(
            "Ilustración de tallos de caña de azúcar con sus nudos y hojas largas, "
            "sobre un campo arado.",
            en="Illustration of sugar cane stalks with their joints and long leaves, "
            "above a ploughed field.",
            pt="Ilustração de colmos de cana-de-açúcar com seus nós e folhas "
            "compridas, sobre um campo arado.",
            fr="Illustration de tiges de canne à sucre avec leurs nœuds et leurs "
            "longues feuilles, au-dessus d’un champ labouré.",
        ),
    },
    "bananas": {
        "title": "Ilustración: mata de banano",
        "subject": "bananas",
        "seed": 97,
        "collection": NEWS,
        "alt": t(
            "Ilustración de una mata de banano con hojas anchas, un racimo de bananas "
            "y su flor morada.",
            en="Illustration of a banana plant with broad leaves, a bunch of bananas "
            "and its purple flower.",
            pt="Ilustração de uma bananeira com folhas largas, um cacho de bananas e "
            "sua flor roxa.",
            fr="Illustration d’un bananier aux larges feuilles, avec un régime de "
            "bananes et sa fleur violette.",
        ),
    },
}

LOGOS = {
    "wfto": {
        "title": "Logotipo WFTO-LA (ilustrativo)",
        "description": "Marca ilustrativa de WFTO-LA.",
        "name": "WFTO-LA",
        "seed": 5,
        "colour": (20, 90, 140),
    },
    "fairtrade": {
        "title": "Logotipo Fairtrade International (ilustrativo)",
        "description": "Marca ilustrativa de Fairtrade International.",
        "name": "Fairtrade International",
        "seed": 7,
        "colour": (29, 107, 58),
    },
}

DOCUMENTS = {
    "strategy": {
        "title": "Estrategia de incidencia de la CLAC (resumen)",
        "file": "estrategia-de-incidencia-clac.pdf",
        "collection": PUBLICATIONS,
        "sections": [
            (
                "Por qué hacemos incidencia",
                "La incidencia permite que las organizaciones de pequeños productores y "
                "trabajadores de comercio justo participen en las decisiones de actores "
                "públicos, privados y mixtos sobre los temas que las afectan.",
            ),
            (
                "Quiénes actúan",
                "La CLAC y sus Redes de País actúan como agentes de cambio en distintos "
                "niveles: continental, nacional y local.",
            ),
            (
                "Qué proponemos",
                "Marcos legales y políticas públicas que reconozcan los impactos "
                "positivos del comercio justo y fortalezcan a las organizaciones de "
                "base y a sus comunidades.",
            ),
            (
                "Temas prioritarios",
                "Acceso a mercados y a financiamiento, respuestas al cambio climático y "
                "consumo responsable.",
            ),
        ],
    },
    "finance_study": {
        "title": "Estudio: acceso a financiamiento de las organizaciones de productores",
        "file": "estudio-financiamiento-clac.pdf",
        "collection": PUBLICATIONS,
        "sections": [
            (
                "Resumen",
                "Las organizaciones de pequeños productores encuentran barreras para "
                "obtener crédito: garantías, plazos y tasas que no se ajustan a sus "
                "ciclos de cosecha.",
            ),
            (
                "Propuestas",
                "Fondos de garantía, crédito de prefinanciamiento y reglas de la banca "
                "pública que reconozcan a las organizaciones de comercio justo.",
            ),
        ],
    },
    "universities_guide": {
        "title": "Guía para universidades por el comercio justo",
        "file": "guia-universidades-comercio-justo.pdf",
        "collection": CAMPAIGNS,
        "sections": [
            (
                "La campaña",
                "Universidades Latinoamericanas por el Comercio Justo invita a las "
                "universidades de la región a promover el comercio justo y el consumo "
                "responsable.",
            ),
            (
                "Primeros pasos",
                "Formar un grupo de trabajo, incluir el comercio justo en la docencia y "
                "la investigación, y crear vínculos con organizaciones de pequeños "
                "productores.",
            ),
        ],
    },
}

# --- Snippets ------------------------------------------------------------------------------
PEOPLE = {
    "ana": {
        "name": "Ana Lucía Torres",
        "role": t(
            "Coordinadora de incidencia",
            en="Advocacy coordinator",
            pt="Coordenadora de incidência política",
            fr="Coordinatrice du plaidoyer",
        ),
    },
    "carlos": {
        "name": "Carlos Mendoza Quispe",
        "role": t(
            "Investigador",
            en="Researcher",
            pt="Pesquisador",
            fr="Chercheur",
        ),
    },
    "marie": {
        "name": "Marie-Claire Joseph",
        "role": t(
            "Comunicación",
            en="Communications",
            pt="Comunicação",
            fr="Communication",
        ),
    },
}

# Topics point at objectives by their key (see OBJECTIVES below).
TOPICS = {
    "advocacy": {
        "name": t(
            "Incidencia política",
            en="Policy advocacy",
            pt="Incidência política",
            fr="Plaidoyer politique",
        ),
        "slug": "incidencia",
        "description": t(
            "Cómo hacemos oír la voz de los pequeños productores donde se toman decisiones.",
            en="How we make small producers heard where decisions are made.",
            pt="Como fazemos a voz dos pequenos produtores ser ouvida onde se tomam decisões.",
            fr="Comment nous faisons entendre les petits producteurs là où se prennent les décisions.",
        ),
        "objective": "influence",
    },
    "markets": {
        "name": t(
            "Mercados y financiamiento",
            en="Markets and finance",
            pt="Mercados e financiamento",
            fr="Marchés et financement",
        ),
        "slug": "mercados-y-financiamiento",
        "description": t(
            "Acceso a mercados y a crédito para las organizaciones de pequeños productores.",
            en="Access to markets and credit for small producer organisations.",
            pt="Acesso a mercados e a crédito para as organizações de pequenos produtores.",
            fr="Accès aux marchés et au crédit pour les organisations de petits producteurs.",
        ),
        "objective": "strategy",
    },
    "climate": {
        "name": t(
            "Cambio climático",
            en="Climate change",
            pt="Mudanças climáticas",
            fr="Changement climatique",
        ),
        "slug": "cambio-climatico",
        "description": t(
            "Respuestas de los productores a un clima que cambia.",
            en="How producers respond to a changing climate.",
            pt="As respostas dos produtores a um clima em transformação.",
            fr="Les réponses des producteurs face à un climat qui change.",
        ),
        "objective": "strategy",
    },
    "knowledge": {
        "name": t(
            "Conocimiento",
            en="Knowledge",
            pt="Conhecimento",
            fr="Connaissances",
        ),
        "slug": "conocimiento",
        "description": t(
            "Estudios, investigaciones y documentos de posicionamiento hechos desde las "
            "bases.",
            en="Studies, research and position papers written from the grassroots.",
            pt="Estudos, pesquisas e documentos de posicionamento feitos a partir das "
            "bases.",
            fr="Études, recherches et notes de position élaborées à partir de la base.",
        ),
        "objective": "knowledge",
    },
    "alliances": {
        "name": t(
            "Alianzas",
            en="Alliances",
            pt="Alianças",
            fr="Alliances",
        ),
        "slug": "alianzas",
        "description": t(
            "Trabajo conjunto con organizaciones afines y con las Redes de País.",
            en="Joint work with like-minded organisations and the Country Networks.",
            pt="Trabalho conjunto com organizações afins e com as Redes Nacionais.",
            fr="Travail commun avec des organisations proches et les réseaux nationaux.",
        ),
        "objective": "alliances",
    },
    "public_policy": {
        "name": t(
            "Políticas públicas",
            en="Public policy",
            pt="Políticas públicas",
            fr="Politiques publiques",
        ),
        "slug": "politicas-publicas",
        "description": t(
            "Leyes y programas de gobierno que reconocen el comercio justo.",
            en="Laws and government programmes that recognise fair trade.",
            pt="Leis e programas de governo que reconhecem o comércio justo.",
            fr="Lois et programmes publics qui reconnaissent le commerce équitable.",
        ),
        "objective": "government",
    },
}

PARTNERS = {
    "wfto": {
        "name": same("WFTO-LA"),
        "description": t(
            "La Organización Mundial del Comercio Justo en América Latina, red "
            "continental de productores que impulsa junto a la CLAC la campaña de "
            "pueblos y ciudades.",
            en="The World Fair Trade Organization in Latin America, a continental "
            "producer network that runs the towns and cities campaign together with "
            "CLAC.",
            pt="A Organização Mundial do Comércio Justo na América Latina, rede "
            "continental de produtores que impulsiona com a CLAC a campanha de "
            "povoados e cidades.",
            fr="L’Organisation mondiale du commerce équitable en Amérique latine, "
            "réseau continental de producteurs qui mène avec la CLAC la campagne des "
            "villages et villes.",
        ),
        "website": "https://wfto-la.org/",
        "logo": "wfto",
    },
    "fairtrade": {
        # Partner names are proper names, the same in every language (synchronised).
        "name": same("Fairtrade International"),
        "description": t(
            "El sistema internacional de comercio justo, del que la CLAC es "
            "copropietaria junto con las otras redes de productores.",
            en="The international fair trade system, which CLAC co-owns together with "
            "the other producer networks.",
            pt="O sistema internacional de comércio justo, do qual a CLAC é "
            "coproprietária junto com as outras redes de produtores.",
            fr="Le système international du commerce équitable, dont la CLAC est "
            "copropriétaire avec les autres réseaux de producteurs.",
        ),
        "website": "https://www.fairtrade.net/",
        "logo": "fairtrade",
    },
}

CALL_TO_ACTION = {
    "title": t(
        "¿Tienes preguntas sobre nuestro trabajo?",
        en="Any questions about our work?",
        pt="Tem perguntas sobre o nosso trabalho?",
        fr="Des questions sur notre travail ?",
    ),
    "text": t(
        "Escríbenos para saber más sobre la CLAC y sobre lo que el comercio justo "
        "aporta a nuestras organizaciones, redes, territorios y sociedades. Será un "
        "gusto atenderte.",
        en="Write to us to learn more about CLAC and what fair trade brings to our "
        "organisations, networks, territories and societies. We will be glad to help.",
        pt="Escreva para saber mais sobre a CLAC e sobre o que o comércio justo traz "
        "às nossas organizações, redes, territórios e sociedades. Será um prazer "
        "atender você.",
        fr="Écrivez-nous pour en savoir plus sur la CLAC et sur ce que le commerce "
        "équitable apporte à nos organisations, réseaux, territoires et sociétés. Nous "
        "serons heureux de vous répondre.",
    ),
    "button_text": t(
        "Contáctanos", en="Contact us", pt="Fale conosco", fr="Contactez-nous"
    ),
}

FOOTER_ABOUT = p(
    t(
        "La CLAC es la Coordinadora Latinoamericana y del Caribe de Pequeños "
        "Productores y Trabajadores de Comercio Justo.",
        en="CLAC is the Latin American and Caribbean Network of Fair Trade Small "
        "Producers and Workers.",
        pt="A CLAC é a Coordenadora Latino-Americana e do Caribe de Pequenos "
        "Produtores e Trabalhadores do Comércio Justo.",
        fr="La CLAC est la Coordination latino-américaine et caribéenne des petits "
        "producteurs et travailleurs du commerce équitable.",
    )
)

SITE_CONTACT_EMAIL = "info@clac-comerciojusto.org"
CAMPAIGNS_EMAIL = "campanas@clac-comerciojusto.org"

# --- Pages ---------------------------------------------------------------------------------
HOME = {
    "title": t("Inicio", en="Home", pt="Início", fr="Accueil"),
    "slug": t("inicio", en="home", pt="pagina-inicial", fr="accueil"),
    "headline": t(
        "Comercio justo hecho por pequeños productores y trabajadores",
        en="Fair trade made by small producers and workers",
        pt="Comércio justo feito por pequenos produtores e trabalhadores",
        fr="Un commerce équitable fait par les petits producteurs et les travailleurs",
    ),
    "intro": t(
        "Unimos a las organizaciones de comercio justo de América Latina y el Caribe "
        "para que su voz cuente allí donde se decide su futuro.",
        en="We bring together the fair trade organisations of Latin America and the "
        "Caribbean so that their voice counts wherever their future is decided.",
        pt="Unimos as organizações de comércio justo da América Latina e do Caribe "
        "para que a sua voz conte onde o seu futuro é decidido.",
        fr="Nous rassemblons les organisations du commerce équitable d’Amérique latine "
        "et des Caraïbes pour que leur voix compte là où se décide leur avenir.",
    ),
    "hero_image": "producers",
    "hero_image_alt": IMAGES["producers"]["alt"],
    "objectives_heading": t(
        "Nuestros objetivos",
        en="Our objectives",
        pt="Nossos objetivos",
        fr="Nos objectifs",
    ),
    "campaigns_heading": t("Campañas", en="Campaigns", pt="Campanhas", fr="Campagnes"),
    "news_heading": t("Noticias", en="News", pt="Notícias", fr="Actualités"),
}

STRATEGY = {
    "title": t(
        "Estrategia de incidencia",
        en="Advocacy strategy",
        pt="Estratégia de incidência",
        fr="Stratégie de plaidoyer",
    ),
    "slug": t(
        "estrategia-de-incidencia",
        en="advocacy-strategy",
        pt="estrategia-de-incidencia-politica",
        fr="strategie-de-plaidoyer",
    ),
    "intro": t(
        "Para la CLAC, la incidencia es una herramienta esencial: nos permite llevar "
        "la voz de nuestras organizaciones socias a las decisiones de instituciones "
        "públicas, empresas privadas y espacios mixtos, y también al propio movimiento "
        "de comercio justo, sobre todos los temas que las afectan.",
        en="For CLAC, advocacy is an essential tool: it lets us carry the voice of our "
        "member organisations into the decisions of public institutions, private "
        "companies and mixed bodies, and into the fair trade movement itself, on every "
        "issue that affects them.",
        pt="Para a CLAC, a incidência política é uma ferramenta essencial: permite "
        "levar a voz das nossas organizações associadas às decisões de instituições "
        "públicas, empresas privadas e espaços mistos, e também ao próprio movimento "
        "do comércio justo, em todos os temas que as afetam.",
        fr="Pour la CLAC, le plaidoyer est un outil essentiel : il nous permet de "
        "porter la voix de nos organisations membres dans les décisions des "
        "institutions publiques, des entreprises privées et des instances mixtes, "
        "ainsi qu’au sein du mouvement du commerce équitable, sur tous les sujets qui "
        "les concernent.",
    ),
    "hero_image": "coffee",
    "hero_image_alt": IMAGES["coffee"]["alt"],
    "levels_heading": t(
        "Niveles de acción",
        en="Levels of action",
        pt="Níveis de ação",
        fr="Niveaux d’action",
    ),
    "levels": [
        (
            t("Continental", en="Continental", pt="Continental", fr="Continental"),
            t(
                "La CLAC representa a sus socios ante organismos regionales, el sistema "
                "internacional de comercio justo y los actores que mueven el mercado.",
                en="CLAC speaks for its members to regional bodies, the international "
                "fair trade system and the companies that shape the market.",
                pt="A CLAC representa os seus associados diante de organismos "
                "regionais, do sistema internacional de comércio justo e dos atores "
                "que movem o mercado.",
                fr="La CLAC représente ses membres auprès des organismes régionaux, du "
                "système international du commerce équitable et des acteurs qui font "
                "le marché.",
            ),
        ),
        (
            t("Nacional", en="National", pt="Nacional", fr="National"),
            t(
                "Las Redes de País dialogan con gobiernos y parlamentos y proponen "
                "leyes y políticas públicas que reconozcan los aportes del comercio justo.",
                en="The Country Networks talk with governments and parliaments and "
                "propose laws and public policies that recognise what fair trade "
                "contributes.",
                pt="As Redes Nacionais dialogam com governos e parlamentos e propõem "
                "leis e políticas públicas que reconheçam as contribuições do "
                "comércio justo.",
                fr="Les réseaux nationaux dialoguent avec les gouvernements et les "
                "parlements et proposent des lois et des politiques publiques qui "
                "reconnaissent l’apport du commerce équitable.",
            ),
        ),
        (
            t("Local", en="Local", pt="Local", fr="Local"),
            t(
                "Junto a municipios, universidades y organizaciones sociales, "
                "promovemos el consumo responsable y el desarrollo de las comunidades.",
                en="With municipalities, universities and civil society groups, we "
                "promote responsible consumption and the development of communities.",
                pt="Com municípios, universidades e organizações sociais, promovemos o "
                "consumo responsável e o desenvolvimento das comunidades.",
                fr="Avec les communes, les universités et les organisations "
                "sociales, nous promouvons la consommation responsable et le "
                "développement des communautés.",
            ),
        ),
    ],
    "document": "strategy",
    "objectives_heading": t(
        "Objetivos principales",
        en="Main objectives",
        pt="Objetivos principais",
        fr="Objectifs principaux",
    ),
    "body_heading": t(
        "Agentes de cambio",
        en="Agents of change",
        pt="Agentes de mudança",
        fr="Des acteurs du changement",
    ),
    "body": p(
        t(
            "La CLAC y sus Redes de País influyen en los procesos de decisión y "
            "proponen marcos legales y políticas públicas concretas que reconocen los "
            "impactos positivos del comercio justo.",
            en="CLAC and its Country Networks influence decision-making and put "
            "forward laws and public policies that recognise the positive impact of "
            "fair trade.",
            pt="A CLAC e as suas Redes Nacionais influenciam os processos de decisão e "
            "propõem marcos legais e políticas públicas concretas que reconhecem os "
            "impactos positivos do comércio justo.",
            fr="La CLAC et ses réseaux nationaux pèsent sur les processus de décision "
            "et proposent des cadres juridiques et des politiques publiques concrètes "
            "qui reconnaissent les effets positifs du commerce équitable.",
        ),
        t(
            "Así contribuimos al fortalecimiento de las organizaciones de base y al "
            "desarrollo económico, político, social, cultural y ambiental de sus "
            "comunidades.",
            en="In this way we help grassroots organisations grow stronger and support "
            "the economic, political, social, cultural and environmental development "
            "of their communities.",
            pt="Assim contribuímos para o fortalecimento das organizações de base e "
            "para o desenvolvimento econômico, político, social, cultural e ambiental "
            "das suas comunidades.",
            fr="Nous contribuons ainsi au renforcement des organisations de base et au "
            "développement économique, politique, social, culturel et environnemental "
            "de leurs communautés.",
        ),
    ),
}

OBJECTIVES = {
    "influence": {
        "title": t(
            "Influir en las decisiones",
            en="Influence decisions",
            pt="Influenciar as decisões",
            fr="Peser sur les décisions",
        ),
        "slug": t(
            "influir-en-las-decisiones",
            en="influence-decisions",
            pt="influenciar-as-decisoes",
            fr="peser-sur-les-decisions",
        ),
        "icon": "voice",
        "image": "assembly",
        "image_alt": IMAGES["assembly"]["alt"],
        "summary": t(
            "Hacer oír a nuestras organizaciones socias en las decisiones de actores "
            "públicos, privados y mixtos, y dentro del movimiento de comercio justo.",
            en="Make our member organisations heard wherever decisions are taken: by "
            "governments, by companies, by public-private bodies and within the fair "
            "trade movement.",
            pt="Fazer com que as nossas organizações associadas sejam ouvidas nas "
            "decisões de atores públicos, privados e mistos, e dentro do movimento do "
            "comércio justo.",
            fr="Faire entendre nos organisations membres dans les décisions des "
            "acteurs publics, privés et mixtes, et au sein du mouvement du commerce "
            "équitable.",
        ),
        "body": p(
            t(
                "Seguimos de cerca los temas que afectan a los pequeños productores y "
                "trabajadores y tomamos la palabra en cada situación en la que se "
                "decide sobre ellos.",
                en="We keep a close eye on the issues that affect small producers and "
                "workers, and we speak up whenever decisions about them are being made.",
                pt="Acompanhamos de perto os temas que afetam os pequenos produtores e "
                "trabalhadores e tomamos a palavra em cada situação em que se decide "
                "sobre eles.",
                fr="Nous suivons de près les sujets qui touchent les petits producteurs "
                "et les travailleurs, et nous prenons la parole chaque fois que l’on "
                "décide à leur sujet.",
            )
        ),
        "campaigns": ["universities", "towns"],
    },
    "strategy": {
        "title": t(
            "Aplicar la estrategia de incidencia",
            en="Put the advocacy strategy into practice",
            pt="Aplicar a estratégia de incidência",
            fr="Mettre en œuvre la stratégie de plaidoyer",
        ),
        "slug": t(
            "aplicar-la-estrategia",
            en="put-the-strategy-into-practice",
            pt="aplicar-a-estrategia",
            fr="mettre-en-oeuvre-la-strategie",
        ),
        "icon": "compass",
        "image": "sugar_cane",
        "image_alt": IMAGES["sugar_cane"]["alt"],
        "summary": t(
            "Orientar nuestras acciones hacia los temas que priorizan los socios, en "
            "especial las políticas públicas.",
            en="Focus our actions on the issues our members put first, public policy "
            "above all.",
            pt="Orientar as nossas ações para os temas que os associados priorizam, em "
            "especial as políticas públicas.",
            fr="Orienter nos actions vers les sujets que nos membres jugent "
            "prioritaires, en particulier les politiques publiques.",
        ),
        "body": p(
            t(
                "Entre los temas prioritarios están:",
                en="The priority issues include:",
                pt="Entre os temas prioritários estão:",
                fr="Parmi les sujets prioritaires :",
            )
        )
        + ul(
            t(
                "el acceso a mercados y a financiamiento para los pequeños productores "
                "de comercio justo;",
                en="access to markets and finance for small fair trade producers;",
                pt="o acesso a mercados e a financiamento para os pequenos produtores "
                "do comércio justo;",
                fr="l’accès aux marchés et au financement pour les petits producteurs "
                "du commerce équitable ;",
            ),
            t(
                "respuestas adecuadas al cambio climático;",
                en="fitting responses to climate change;",
                pt="respostas adequadas às mudanças climáticas;",
                fr="des réponses adaptées au changement climatique ;",
            ),
            t(
                "el desarrollo de un consumo responsable en nuestras sociedades.",
                en="the growth of responsible consumption in our societies.",
                pt="o desenvolvimento de um consumo responsável nas nossas sociedades.",
                fr="le développement d’une consommation responsable dans nos sociétés.",
            ),
        ),
        "campaigns": [],
    },
    "participation": {
        "title": t(
            "Participar en espacios de desarrollo",
            en="Take part in development forums",
            pt="Participar de espaços de desenvolvimento",
            fr="Participer aux espaces de développement",
        ),
        "slug": t(
            "participar-en-espacios-de-desarrollo",
            en="take-part-in-development-forums",
            pt="participar-de-espacos-de-desenvolvimento",
            fr="participer-aux-espaces-de-developpement",
        ),
        "icon": "globe",
        "image": "bananas",
        "image_alt": IMAGES["bananas"]["alt"],
        "summary": t(
            "Estar presentes donde se definen políticas de desarrollo social, "
            "económico y comercial afines a las de nuestros socios.",
            en="Be present where social, economic and trade development policies close "
            "to those of our members are shaped.",
            pt="Estar presentes onde se definem políticas de desenvolvimento social, "
            "econômico e comercial afins às dos nossos associados.",
            fr="Être présents là où se définissent des politiques de développement "
            "social, économique et commercial proches de celles de nos membres.",
        ),
        "body": p(
            t(
                "Participamos en foros, mesas de diálogo y redes donde se discuten "
                "políticas que pueden abrir oportunidades a las organizaciones de base.",
                en="We take part in forums, round tables and networks where policies "
                "that can open opportunities for grassroots organisations are discussed.",
                pt="Participamos de fóruns, mesas de diálogo e redes onde se discutem "
                "políticas que podem abrir oportunidades para as organizações de base.",
                fr="Nous participons à des forums, des tables de dialogue et des "
                "réseaux où se discutent des politiques susceptibles d’ouvrir des "
                "perspectives aux organisations de base.",
            )
        ),
        "campaigns": [],
    },
    "knowledge": {
        "title": t(
            "Generar conocimiento",
            en="Build knowledge",
            pt="Gerar conhecimento",
            fr="Produire des connaissances",
        ),
        "slug": t(
            "generar-conocimiento",
            en="build-knowledge",
            pt="gerar-conhecimento",
            fr="produire-des-connaissances",
        ),
        "icon": "book",
        "image": "university",
        "image_alt": IMAGES["university"]["alt"],
        "summary": t(
            "Producir estudios, investigaciones y documentos de posicionamiento desde "
            "las "
            "organizaciones de base, como herramientas de negociación.",
            en="Produce studies, research and position papers from the grassroots, "
            "as tools for negotiation.",
            pt="Produzir estudos, pesquisas e documentos de posicionamento a partir "
            "das "
            "organizações de base, como ferramentas de negociação.",
            fr="Produire des études, des recherches et des notes de position à partir "
            "des organisations de base, comme outils de négociation.",
        ),
        "body": p(
            t(
                "Los datos y las experiencias de las propias organizaciones dan fuerza "
                "a nuestras propuestas cuando negociamos con gobiernos, empresas y "
                "otros actores.",
                en="Data and experience from the organisations themselves give weight "
                "to our proposals when we negotiate with governments, companies and "
                "other players.",
                pt="Os dados e as experiências das próprias organizações dão força às "
                "nossas propostas quando negociamos com governos, empresas e outros "
                "atores.",
                fr="Les données et l’expérience des organisations elles-mêmes donnent "
                "du poids à nos propositions lorsque nous négocions avec les "
                "gouvernements, les entreprises et d’autres acteurs.",
            )
        ),
        "campaigns": ["universities"],
    },
    "alliances": {
        "title": t(
            "Construir alianzas estratégicas",
            en="Build strategic alliances",
            pt="Construir alianças estratégicas",
            fr="Nouer des alliances stratégiques",
        ),
        "slug": t(
            "construir-alianzas",
            en="build-alliances",
            pt="construir-aliancas",
            fr="nouer-des-alliances",
        ),
        "icon": "handshake",
        "image": "honey",
        "image_alt": IMAGES["honey"]["alt"],
        "summary": t(
            "Impulsar alianzas con organizaciones afines en el continente y, en cada "
            "país, a través de las Redes de País.",
            en="Build alliances with like-minded organisations across the continent "
            "and, in each country, through the Country Networks.",
            pt="Impulsionar alianças com organizações afins no continente e, em cada "
            "país, por meio das Redes Nacionais.",
            fr="Développer des alliances avec des organisations proches sur tout le "
            "continent et, dans chaque pays, à travers les réseaux nationaux.",
        ),
        "body": p(
            t(
                "Ninguna organización cambia sola las reglas del comercio. Por eso "
                "sumamos fuerzas con redes de productores, universidades, municipios "
                "y organizaciones de la sociedad civil.",
                en="No organisation changes the rules of trade on its own. That is why "
                "we join forces with producer networks, universities, municipalities "
                "and civil society organisations.",
                pt="Nenhuma organização muda sozinha as regras do comércio. Por isso "
                "somamos forças com redes de produtores, universidades, municípios e "
                "organizações da sociedade civil.",
                fr="Aucune organisation ne change seule les règles du commerce. C’est "
                "pourquoi nous unissons nos forces avec des réseaux de producteurs, "
                "des universités, des communes et des organisations de la "
                "société civile.",
            )
        ),
        "campaigns": ["towns", "universities"],
    },
    "government": {
        "title": t(
            "Incidir en las políticas de gobierno",
            en="Shape government policy",
            pt="Incidir nas políticas de governo",
            fr="Agir sur les politiques gouvernementales",
        ),
        "slug": t(
            "incidir-en-las-politicas-de-gobierno",
            en="shape-government-policy",
            pt="incidir-nas-politicas-de-governo",
            fr="agir-sur-les-politiques-gouvernementales",
        ),
        "icon": "building",
        "image": "town",
        "image_alt": IMAGES["town"]["alt"],
        "summary": t(
            "Influir en las decisiones de los gobiernos sobre los temas transversales "
            "de la CLAC.",
            en="Influence government decisions on the cross-cutting themes of CLAC's "
            "work.",
            pt="Influenciar as decisões dos governos sobre os temas transversais da "
            "CLAC.",
            fr="Peser sur les décisions des gouvernements concernant les thèmes "
            "transversaux de la CLAC.",
        ),
        "body": p(
            t(
                "Proponemos a los gobiernos medidas concretas: compras públicas que "
                "incluyan productos de comercio justo, programas de apoyo a las "
                "organizaciones de base y reglas comerciales más equitativas.",
                en="We propose concrete measures to governments: public procurement "
                "that includes fair trade products, support programmes for grassroots "
                "organisations and fairer trade rules.",
                pt="Propomos aos governos medidas concretas: compras públicas que "
                "incluam produtos do comércio justo, programas de apoio às "
                "organizações de base e regras comerciais mais equitativas.",
                fr="Nous proposons aux gouvernements des mesures concrètes : des achats "
                "publics qui incluent des produits du commerce équitable, des programmes "
                "d’appui "
                "aux organisations de base et des règles commerciales plus justes.",
            )
        ),
        "campaigns": [],
    },
}

CAMPAIGN_INDEX = {
    "title": HOME["campaigns_heading"],
    "slug": t("campanas", en="campaigns", pt="campanhas", fr="campagnes"),
    "intro": t(
        "Con nuestras campañas invitamos a universidades, pueblos y ciudades a hacer "
        "suyos los principios del comercio justo.",
        en="Through our campaigns we invite universities, towns and cities to make "
        "the principles of fair trade their own.",
        pt="Com nossas campanhas convidamos universidades, povoados e cidades a "
        "adotar os princípios do comércio justo.",
        fr="Par nos campagnes, nous invitons universités, villages et villes à faire "
        "leurs les principes du commerce équitable.",
    ),
    "hero_image": "landscape",
    "hero_image_alt": IMAGES["landscape"]["alt"],
}

# Every CLAC form appends its own required privacy-consent box (inquiries.forms),
# linked to the page's privacy_page, so the field lists below do not repeat it.
_EMAIL_LABEL = t("Correo electrónico", en="Email", pt="E-mail", fr="Adresse e-mail")
_MESSAGE_LABEL = t("Mensaje", en="Message", pt="Mensagem", fr="Message")


def _signup_fields(institution_label: str) -> list[dict]:
    """The registry's fixed fields (campaigns.signup) first, then our own question."""

    def field(key, type_, required, label):
        return {"key": key, "type": type_, "required": required, "label": label}

    return [
        field("organization", "singleline", True, institution_label),
        field(
            "kind",
            "dropdown",
            True,
            t(
                "Tipo de organización",
                en="Kind of organisation",
                pt="Tipo de organização",
                fr="Type d’organisation",
            ),
        ),
        field(
            "country", "dropdown", True, t("País", en="Country", pt="País", fr="Pays")
        ),
        field(
            "city", "singleline", True, t("Ciudad", en="City", pt="Cidade", fr="Ville")
        ),
        field(
            "contact_name",
            "singleline",
            True,
            t(
                "Persona de contacto",
                en="Contact person",
                pt="Pessoa de contato",
                fr="Personne de contact",
            ),
        ),
        field(
            "role",
            "singleline",
            False,
            t("Cargo", en="Role", pt="Cargo", fr="Fonction"),
        ),
        field("email", "email", True, _EMAIL_LABEL),
        field(
            "phone",
            "singleline",
            False,
            t("Teléfono", en="Phone", pt="Telefone", fr="Téléphone"),
        ),
        field(
            "consent",
            "checkbox",
            False,
            t(
                "Aceptamos aparecer en el directorio público de la campaña",
                en="We agree to appear in the campaign's public directory",
                pt="Aceitamos aparecer no diretório público da campanha",
                fr="Nous acceptons de figurer dans l’annuaire public de la campagne",
            ),
        ),
        field(
            "language",
            "dropdown",
            True,
            t(
                "Idioma de nuestros correos",
                en="Language of our emails",
                pt="Idioma dos nossos e-mails",
                fr="Langue de nos e-mails",
            ),
        ),
        {
            "key": "message",
            "type": "multiline",
            "required": False,
            "label": _MESSAGE_LABEL,
            "help_text": t(
                "Cuéntanos qué te gustaría hacer en la campaña.",
                en="Tell us what you would like to do in the campaign.",
                pt="Conte-nos o que você gostaria de fazer na campanha.",
                fr="Dites-nous ce que vous aimeriez faire dans la campagne.",
            ),
        },
    ]


_SIGNUP_THANKS = t(
    "¡Gracias por sumarte! El equipo de campañas de la CLAC te escribirá pronto para "
    "acordar los siguientes pasos.",
    en="Thank you for joining! CLAC's campaigns team will write to you soon to agree "
    "on the next steps.",
    pt="Obrigado por participar! A equipe de campanhas da CLAC vai escrever em breve "
    "para combinar os próximos passos.",
    fr="Merci de votre participation ! L’équipe des campagnes de la CLAC vous écrira "
    "bientôt pour convenir des prochaines étapes.",
)
TAKE_PART_HEADING = t("Participa", en="Take part", pt="Participe", fr="Participez")
_SIGNUP_SLUG = t("inscripcion", en="sign-up", pt="inscricao", fr="inscription")

CAMPAIGN_PAGES = {
    "universities": {
        "title": t(
            "Universidades Latinoamericanas por el Comercio Justo",
            en="Latin American Universities for Fair Trade",
            pt="Universidades Latino-Americanas pelo Comércio Justo",
            fr="Universités latino-américaines pour le commerce équitable",
        ),
        "slug": t(
            "universidades-por-el-comercio-justo",
            en="universities-for-fair-trade",
            pt="universidades-pelo-comercio-justo",
            fr="universites-pour-le-commerce-equitable",
        ),
        "tagline": t(
            "Una red de universidades que enseña, investiga y actúa por un comercio "
            "más justo.",
            en="A network of universities that teaches, researches and acts for fairer "
            "trade.",
            pt="Uma rede de universidades que ensina, pesquisa e age por um comércio "
            "mais justo.",
            fr="Un réseau d’universités qui enseigne, fait de la recherche et agit pour un "
            "commerce "
            "plus juste.",
        ),
        "hero_image": "university",
        "hero_image_alt": IMAGES["university"]["alt"],
        "goal": t(
            "Crear una red de universidades de América Latina y el Caribe que apoye el "
            "comercio justo con actividades académicas, de extensión social y de "
            "vínculo directo con organizaciones de pequeños productores.",
            en="Create a network of Latin American and Caribbean universities that "
            "supports fair trade through academic work, community outreach and direct "
            "links with small producer organisations.",
            pt="Criar uma rede de universidades da América Latina e do Caribe que apoie "
            "o comércio justo com atividades acadêmicas, de extensão e de vínculo "
            "direto com organizações de pequenos produtores.",
            fr="Créer un réseau d’universités d’Amérique latine et des Caraïbes qui "
            "soutient le commerce équitable par des activités académiques, des actions "
            "auprès de la société et des liens directs avec les organisations de "
            "petits producteurs.",
        ),
        "body": [
            (
                "paragraph",
                p(
                    t(
                        "Es una campaña de incidencia y sensibilización: queremos que "
                        "nuestras sociedades tejan lazos de comercio justo y de consumo "
                        "responsable.",
                        en="It is an advocacy and awareness campaign: we want our "
                        "societies to build ties of fair trade and responsible "
                        "consumption.",
                        pt="É uma campanha de incidência e sensibilização: queremos que "
                        "as nossas sociedades criem laços de comércio justo e de "
                        "consumo responsável.",
                        fr="C’est une campagne de plaidoyer et de sensibilisation : nous "
                        "voulons que nos sociétés tissent des liens de commerce "
                        "équitable et de consommation responsable.",
                    ),
                    t(
                        "Las universidades forman a quienes hoy y mañana toman "
                        "decisiones políticas, y son clave en la educación, la "
                        "investigación y el desarrollo. Por eso pueden impulsar "
                        "relaciones comerciales más justas y solidarias.",
                        en="Universities train today's and tomorrow's policy makers and "
                        "are central to education, research and development. That is "
                        "why they can drive fairer trade relations built on solidarity.",
                        pt="As universidades formam quem hoje e amanhã toma decisões "
                        "políticas e são essenciais na educação, na pesquisa e no "
                        "desenvolvimento. Por isso podem impulsionar relações "
                        "comerciais mais justas e solidárias.",
                        fr="Les universités forment les décideurs politiques "
                        "d’aujourd’hui et de demain et jouent un rôle clé dans "
                        "l’éducation, la recherche et le développement. Elles peuvent "
                        "donc faire avancer des relations commerciales plus justes et "
                        "plus solidaires.",
                    ),
                ),
            ),
            (
                "quote",
                {
                    "quote": t(
                        "La iniciativa sigue el ejemplo de campañas y redes "
                        "universitarias que ya existen en Europa, América del Norte y "
                        "Oceanía.",
                        en="The initiative follows the example of university campaigns "
                        "and networks that already exist in Europe, North America and "
                        "Oceania.",
                        pt="A iniciativa segue o exemplo de campanhas e redes "
                        "universitárias que já existem na Europa, na América do Norte e "
                        "na Oceania.",
                        fr="L’initiative s’inspire des campagnes et réseaux "
                        "universitaires qui existent déjà en Europe, en Amérique du "
                        "Nord et en Océanie.",
                    ),
                    "attribution": same("CLAC"),
                },
            ),
            (
                "accordion",
                {
                    "title": t(
                        "Preguntas frecuentes",
                        en="Frequently asked questions",
                        pt="Perguntas frequentes",
                        fr="Questions fréquentes",
                    ),
                    "items": [
                        (
                            t(
                                "¿Qué universidades pueden participar?",
                                en="Which universities can take part?",
                                pt="Quais universidades podem participar?",
                                fr="Quelles universités peuvent participer ?",
                            ),
                            p(
                                t(
                                    "Cualquier universidad, pública o privada, de "
                                    "América Latina y el Caribe.",
                                    en="Any university, public or private, in Latin "
                                    "America and the Caribbean.",
                                    pt="Qualquer universidade, pública ou privada, da "
                                    "América Latina e do Caribe.",
                                    fr="Toute université, publique ou privée, "
                                    "d’Amérique latine et des Caraïbes.",
                                )
                            ),
                        ),
                        (
                            t(
                                "¿Tiene algún costo?",
                                en="Does it cost anything?",
                                pt="Tem algum custo?",
                                fr="Est-ce payant ?",
                            ),
                            p(
                                t(
                                    "No. Sumarse a la campaña es gratuito.",
                                    en="No. Joining the campaign is free.",
                                    pt="Não. Participar da campanha é gratuito.",
                                    fr="Non. Rejoindre la campagne est gratuit.",
                                )
                            ),
                        ),
                    ],
                },
            ),
        ],
        "take_part_text": t(
            "¿Tu universidad quiere sumarse? Cuéntanos de ella y te acompañaremos "
            "en los primeros pasos.",
            en="Would your university like to join? Tell us about it and we "
            "will guide you through the first steps.",
            pt="Sua universidade quer participar? Conte-nos sobre ela e vamos "
            "acompanhar você nos primeiros passos.",
            fr="Votre université souhaite participer ? Présentez-vous et nous vous "
            "accompagnerons dans les premières étapes.",
        ),
        "resources": [
            (
                "universities_guide",
                t(
                    "Guía para universidades",
                    en="Guide for universities",
                    pt="Guia para universidades",
                    fr="Guide pour les universités",
                ),
            )
        ],
        "partners": ["fairtrade"],
        "topics": ["knowledge", "alliances"],
        "signup": {
            "title": t(
                "Inscribe a tu universidad",
                en="Sign up your university",
                pt="Inscreva a sua universidade",
                fr="Inscrivez votre université",
            ),
            "slug": _SIGNUP_SLUG,
            "intro": t(
                "Completa este formulario para que tu universidad forme parte de la "
                "red. Te responderemos en pocos días.",
                en="Fill in this form so your university can join the network. We will "
                "reply within a few days.",
                pt="Preencha este formulário para que a sua universidade faça parte da "
                "rede. Responderemos em poucos dias.",
                fr="Remplissez ce formulaire pour que votre université rejoigne le "
                "réseau. Nous vous répondrons sous quelques jours.",
            ),
            "thank_you_text": _SIGNUP_THANKS,
            "subject": t(
                "Nueva inscripción: universidades",
                en="New sign-up: universities",
                pt="Nova inscrição: universidades",
                fr="Nouvelle inscription : universités",
            ),
            "fields": _signup_fields(
                t("Universidad", en="University", pt="Universidade", fr="Université")
            ),
        },
    },
    "towns": {
        "title": t(
            "Pueblos y Ciudades Latinoamericanos por el Comercio Justo",
            en="Latin American Towns and Cities for Fair Trade",
            pt="Povoados e Cidades Latino-Americanos pelo Comércio Justo",
            fr="Villages et villes latino-américains pour le commerce équitable",
        ),
        "slug": t(
            "pueblos-y-ciudades-por-el-comercio-justo",
            en="towns-and-villages-for-fair-trade",
            pt="cidades-e-povoados-pelo-comercio-justo",
            fr="villes-et-villages-pour-le-commerce-equitable",
        ),
        "tagline": t(
            "Pueblos y ciudades que hacen suyos los principios del comercio justo.",
            en="Towns and cities that make the principles of fair trade their own.",
            pt="Povoados e cidades que adotam os princípios do comércio justo.",
            fr="Des villages et des villes qui font leurs les principes du commerce "
            "équitable.",
        ),
        "hero_image": "town",
        "hero_image_alt": IMAGES["town"]["alt"],
        "goal": t(
            "Que instituciones públicas y organizaciones de la sociedad civil apoyen, "
            "desde lo local, la filosofía, los principios y las prácticas del comercio "
            "justo, para construir una economía posible y necesaria.",
            en="Get public institutions and civil society organisations to support the "
            "philosophy, principles and practices of fair trade from the local level, "
            "building an economy that is both possible and necessary.",
            pt="Que instituições públicas e organizações da sociedade civil apoiem, a "
            "partir do local, a filosofia, os princípios e as práticas do comércio "
            "justo, para construir uma economia possível e necessária.",
            fr="Amener les institutions publiques et les organisations de la société "
            "civile à soutenir, à l’échelle locale, la philosophie, les principes et "
            "les pratiques du commerce équitable, pour bâtir une économie possible et "
            "nécessaire.",
        ),
        "body": [
            (
                "paragraph",
                p(
                    t(
                        "La CLAC y WFTO-LA, las dos redes continentales de productores "
                        "de comercio justo de América Latina y el Caribe, lanzaron "
                        "juntas esta campaña de incidencia y sensibilización.",
                        en="CLAC and WFTO-LA, the two continental fair trade producer "
                        "networks of Latin America and the Caribbean, launched this "
                        "advocacy and awareness campaign together.",
                        pt="A CLAC e a WFTO-LA, as duas redes continentais de "
                        "produtores do comércio justo da América Latina e do Caribe, "
                        "lançaram juntas esta campanha de incidência e sensibilização.",
                        fr="La CLAC et WFTO-LA, les deux réseaux continentaux de "
                        "producteurs du commerce équitable d’Amérique latine et des "
                        "Caraïbes, ont lancé ensemble cette campagne de plaidoyer et "
                        "de sensibilisation.",
                    ),
                    t(
                        "Las ciudades son el espacio natural de diálogo entre la "
                        "ciudadanía y sus autoridades. Cuando las personas, también "
                        "como consumidoras responsables, se organizan y actúan, los "
                        "resultados se ven con claridad.",
                        en="Cities are the natural place for dialogue between citizens "
                        "and their authorities. When people, including as responsible "
                        "consumers, organise and act, the results are plain to see.",
                        pt="As cidades são o espaço natural de diálogo entre a "
                        "cidadania e as suas autoridades. Quando as pessoas, também "
                        "como consumidoras responsáveis, se organizam e agem, os "
                        "resultados ficam claros.",
                        fr="Les villes sont le lieu naturel du dialogue entre les "
                        "citoyens et leurs autorités. Quand les habitants, y compris en "
                        "tant que consommateurs responsables, s’organisent et agissent, "
                        "les résultats sont évidents.",
                    ),
                ),
            ),
            (
                "heading",
                t(
                    "Principios, no sellos",
                    en="Principles, not labels",
                    pt="Princípios, não selos",
                    fr="Des principes, pas des labels",
                ),
            ),
            (
                "paragraph",
                p(
                    t(
                        "La campaña no promueve sellos ni certificaciones: promueve los "
                        "principios y valores comunes del movimiento y sus diversas "
                        "prácticas y enfoques, en el ámbito local y regional.",
                        en="The campaign does not promote labels or certification: it "
                        "promotes the movement's shared principles and values and its "
                        "many practices and approaches, locally and regionally.",
                        pt="A campanha não promove selos nem certificações: promove os "
                        "princípios e valores comuns do movimento e as suas diversas "
                        "práticas e abordagens, no âmbito local e regional.",
                        fr="La campagne ne promeut ni labels ni certifications : elle "
                        "promeut les principes et les valeurs communs du mouvement "
                        "ainsi que la diversité de ses pratiques et approches, à "
                        "l’échelle locale et régionale.",
                    )
                ),
            ),
        ],
        "take_part_text": t(
            "¿Tu municipio u organización quiere sumarse? Escríbenos y te contamos cómo "
            "empezar.",
            en="Would your municipality or organisation like to join? Write to us and "
            "we will explain how to start.",
            pt="Seu município ou organização quer participar? Escreva para nós e contaremos "
            "como começar.",
            fr="Votre commune ou votre organisation souhaite participer ? Écrivez-nous "
            "et nous vous expliquerons comment commencer.",
        ),
        "resources": [],
        "partners": ["wfto"],
        "topics": ["alliances", "public_policy"],
        "signup": {
            "title": t(
                "Inscribe a tu municipio u organización",
                en="Sign up your municipality or organisation",
                pt="Inscreva seu município ou organização",
                fr="Inscrivez votre commune ou votre organisation",
            ),
            "slug": _SIGNUP_SLUG,
            "intro": t(
                "Completa este formulario para sumar a tu pueblo o ciudad a la "
                "campaña. Te responderemos en pocos días.",
                en="Fill in this form to bring your town or city into the campaign. "
                "We will reply within a few days.",
                pt="Preencha este formulário para incluir seu povoado ou cidade na "
                "campanha. Responderemos em poucos dias.",
                fr="Remplissez ce formulaire pour engager votre village ou votre ville "
                "dans la campagne. Nous vous répondrons sous quelques jours.",
            ),
            "thank_you_text": _SIGNUP_THANKS,
            "subject": t(
                "Nueva inscripción: pueblos y ciudades",
                en="New sign-up: towns and cities",
                pt="Nova inscrição: povoados e cidades",
                fr="Nouvelle inscription : villages et villes",
            ),
            "fields": _signup_fields(
                t(
                    "Municipio u organización",
                    en="Municipality or organisation",
                    pt="Município ou organização",
                    fr="Commune ou organisation",
                )
            ),
        },
    },
}

NEWS_INDEX = {
    "title": t(
        "Noticias y publicaciones",
        en="News and publications",
        pt="Notícias e publicações",
        fr="Actualités et publications",
    ),
    "slug": t("noticias", en="news", pt="noticias", fr="actualites"),
    "intro": t(
        "Novedades, pronunciamientos, estudios y documentos de posicionamiento de la "
        "CLAC.",
        en="News, statements, studies and position papers from CLAC.",
        pt="Novidades, pronunciamentos, estudos e documentos de posicionamento da "
        "CLAC.",
        fr="Actualités, déclarations, études et notes de position de la CLAC.",
    ),
    "hero_image": "cocoa",
    "hero_image_alt": IMAGES["cocoa"]["alt"],
}

NEWS_ITEMS = [
    {
        "key": "universities_launch",
        "date": datetime.date(2025, 3, 12),
        "type": "news",
        "title": t(
            "La CLAC lanza la campaña Universidades por el Comercio Justo",
            en="CLAC launches the Universities for Fair Trade campaign",
            pt="A CLAC lança a campanha Universidades pelo Comércio Justo",
            fr="La CLAC lance la campagne Universités pour le commerce équitable",
        ),
        "slug": t(
            "lanzamiento-universidades",
            en="universities-campaign-launch",
            pt="lancamento-universidades",
            fr="lancement-universites",
        ),
        "summary": t(
            "La campaña invita a las universidades de la región a formar una red que "
            "apoye el comercio justo.",
            en="The campaign invites universities across the region to form a network "
            "that supports fair trade.",
            pt="A campanha convida as universidades da região a formar uma rede de "
            "apoio ao comércio justo.",
            fr="La campagne invite les universités de la région à former un réseau de "
            "soutien au commerce équitable.",
        ),
        "image": "university",
        "image_alt": IMAGES["university"]["alt"],
        "body": p(
            t(
                "Docencia, investigación y extensión: las universidades tienen muchas "
                "formas de acercar a estudiantes y docentes a las organizaciones de "
                "pequeños productores.",
                en="Teaching, research and outreach: universities have many ways of "
                "bringing students and lecturers closer to small producer "
                "organisations.",
                pt="Ensino, pesquisa e extensão: as universidades têm muitas formas de "
                "aproximar estudantes e professores das organizações de pequenos "
                "produtores.",
                fr="Enseignement, recherche et actions auprès de la société : les "
                "universités ont bien des façons de rapprocher étudiants et "
                "enseignants des organisations de petits producteurs.",
            )
        ),
        "cta": (
            "universities",
            t(
                "Conoce la campaña",
                en="Discover the campaign",
                pt="Conheça a campanha",
                fr="Découvrir la campagne",
            ),
        ),
        "authors": ["marie"],
        "topics": ["knowledge", "alliances"],
        "related": ["campaign:universities"],
    },
    {
        "key": "towns_invitation",
        "date": datetime.date(2025, 4, 8),
        "type": "news",
        "title": t(
            "CLAC y WFTO-LA invitan a pueblos y ciudades a sumarse al comercio justo",
            en="CLAC and WFTO-LA invite towns and cities to join fair trade",
            pt="CLAC e WFTO-LA convidam povoados e cidades a aderir ao comércio justo",
            fr="La CLAC et WFTO-LA invitent villages et villes à rejoindre le commerce "
            "équitable",
        ),
        "slug": t(
            "invitacion-pueblos-y-ciudades",
            en="towns-and-villages-invitation",
            pt="convite-cidades-e-povoados",
            fr="invitation-villes-et-villages",
        ),
        "summary": t(
            "Las dos redes continentales de productores llaman a municipios y "
            "organizaciones locales a apoyar los principios del comercio justo.",
            en="The two continental producer networks ask municipalities and local "
            "organisations to support the principles of fair trade.",
            pt="As duas redes continentais de produtores chamam municípios e "
            "organizações locais a apoiar os princípios do comércio justo.",
            fr="Les deux réseaux continentaux de producteurs appellent communes et "
            "organisations locales à soutenir les principes du commerce équitable.",
        ),
        "image": "town",
        "image_alt": IMAGES["town"]["alt"],
        "body": p(
            t(
                "La campaña trabaja tanto con instituciones públicas como con la "
                "sociedad civil, porque las ciudades son el mejor lugar para el "
                "diálogo entre vecinos y autoridades.",
                en="The campaign works with public institutions and civil society "
                "alike, because cities are the best place for dialogue between "
                "residents and authorities.",
                pt="A campanha trabalha tanto com instituições públicas como com a "
                "sociedade civil, porque as cidades são o melhor lugar para o diálogo "
                "entre moradores e autoridades.",
                fr="La campagne travaille aussi bien avec les institutions publiques "
                "qu’avec la société civile, car les villes sont le meilleur lieu de "
                "dialogue entre habitants et autorités.",
            )
        ),
        "cta": ("towns", CALL_TO_ACTION["button_text"]),
        "authors": ["marie", "ana"],
        "topics": ["alliances", "public_policy"],
        "related": ["campaign:towns"],
    },
    {
        "key": "public_policy_statement",
        "date": datetime.date(2025, 5, 14),
        "type": "statement",
        "title": t(
            "Pronunciamiento: el comercio justo necesita políticas públicas",
            en="Statement: fair trade needs public policy",
            pt="Pronunciamento: o comércio justo precisa de políticas públicas",
            fr="Déclaration : le commerce équitable a besoin de politiques publiques",
        ),
        "slug": t(
            "pronunciamiento-politicas-publicas",
            en="statement-public-policy",
            pt="pronunciamento-politicas-publicas",
            fr="declaration-politiques-publiques",
        ),
        "summary": t(
            "Pedimos a los gobiernos de la región marcos legales que reconozcan el "
            "aporte de los pequeños productores de comercio justo.",
            en="We ask the region's governments for laws that recognise the "
            "contribution of small fair trade producers.",
            pt="Pedimos aos governos da região marcos legais que reconheçam a "
            "contribuição dos pequenos produtores do comércio justo.",
            fr="Nous demandons aux gouvernements de la région des cadres juridiques qui "
            "reconnaissent l’apport des petits producteurs du commerce équitable.",
        ),
        "image": "producers",
        "image_alt": IMAGES["producers"]["alt"],
        "body": p(
            t(
                "Las organizaciones de base generan empleo, cuidan el territorio y "
                "sostienen a sus comunidades. Las políticas públicas deben reconocerlo "
                "con acceso a mercados, crédito y compras públicas.",
                en="Grassroots organisations create jobs, care for the land and sustain "
                "their communities. Public policy should recognise this with access to "
                "markets, credit and public procurement.",
                pt="As organizações de base geram emprego, cuidam do território e "
                "sustentam as suas comunidades. As políticas públicas devem reconhecer "
                "isso com acesso a mercados, crédito e compras públicas.",
                fr="Les organisations de base créent des emplois, prennent soin du "
                "territoire et font vivre leurs communautés. Les politiques publiques "
                "doivent le reconnaître par l’accès aux marchés, au crédit et aux "
                "achats publics.",
            )
        ),
        "cta": None,
        "authors": ["ana"],
        "topics": ["public_policy", "advocacy"],
        "related": ["objective:government"],
    },
    {
        "key": "finance_study",
        "date": datetime.date(2025, 6, 20),
        "type": "study",
        "title": t(
            "Estudio: el acceso a financiamiento de las organizaciones de productores",
            en="Study: access to finance for producer organisations",
            pt="Estudo: o acesso a financiamento das organizações de produtores",
            fr="Étude : l’accès au financement des organisations de producteurs",
        ),
        "slug": t(
            "estudio-financiamiento",
            en="study-access-to-finance",
            pt="estudo-financiamento",
            fr="etude-financement",
        ),
        "summary": t(
            "Un estudio elaborado con las organizaciones socias describe los "
            "obstáculos para obtener crédito y propone soluciones.",
            en="A study prepared with member organisations describes the obstacles to "
            "obtaining credit and proposes solutions.",
            pt="Um estudo elaborado com as organizações associadas descreve os "
            "obstáculos para obter crédito e propõe soluções.",
            fr="Une étude menée avec les organisations membres décrit les obstacles à "
            "l’obtention de crédit et propose des solutions.",
        ),
        "image": "cocoa",
        "image_alt": IMAGES["cocoa"]["alt"],
        "body": p(
            t(
                "El estudio recoge la experiencia de cooperativas y asociaciones de "
                "varios países y servirá como herramienta en el diálogo con bancos y "
                "gobiernos.",
                en="The study gathers the experience of cooperatives and associations "
                "from several countries and will serve as a tool in talks with banks "
                "and governments.",
                pt="O estudo reúne a experiência de cooperativas e associações de "
                "vários países e servirá como ferramenta no diálogo com bancos e "
                "governos.",
                fr="L’étude rassemble l’expérience de coopératives et d’associations de "
                "plusieurs pays et servira d’outil dans le dialogue avec les banques et "
                "les gouvernements.",
            )
        ),
        "document": (
            "strategy",
            t(
                "Resumen de la estrategia de incidencia",
                en="Summary of the advocacy strategy",
                pt="Resumo da estratégia de incidência",
                fr="Résumé de la stratégie de plaidoyer",
            ),
        ),
        "publication": "finance_study",
        "cta": None,
        "authors": ["carlos"],
        "topics": ["markets", "knowledge"],
        "related": ["objective:strategy", "objective:knowledge"],
    },
    {
        "key": "climate_position",
        "date": datetime.date(2025, 8, 5),
        "type": "position_paper",
        "title": t(
            "Documento de posicionamiento: los pequeños productores ante el cambio "
            "climático",
            en="Position paper: small producers and climate change",
            pt="Documento de posicionamento: os pequenos produtores diante das mudanças "
            "climáticas",
            fr="Note de position : les petits producteurs face au changement "
            "climatique",
        ),
        "slug": t(
            "posicion-cambio-climatico",
            en="position-climate-change",
            pt="posicao-mudancas-climaticas",
            fr="position-changement-climatique",
        ),
        "summary": t(
            "Qué necesitan las organizaciones de base para adaptarse a un clima que "
            "cambia y quién debe ayudarlas.",
            en="What grassroots organisations need to adapt to a changing climate, and "
            "who should help them.",
            pt="Do que as organizações de base precisam para se adaptar a um clima em "
            "transformação e quem deve ajudá-las.",
            fr="Ce dont les organisations de base ont besoin pour s’adapter à un climat "
            "qui change, et qui doit les aider.",
        ),
        "image": "coffee",
        "image_alt": IMAGES["coffee"]["alt"],
        "body": p(
            t(
                "Los pequeños productores ya viven los efectos del cambio climático en "
                "sus cosechas. Pedimos que el financiamiento climático llegue "
                "directamente a sus organizaciones.",
                en="Small producers already feel the effects of climate change on their "
                "harvests. We ask for climate finance to reach their organisations "
                "directly.",
                pt="Os pequenos produtores já sentem os efeitos das mudanças climáticas "
                "nas suas colheitas. Pedimos que o financiamento climático chegue "
                "diretamente às suas organizações.",
                fr="Les petits producteurs subissent déjà les effets du changement "
                "climatique sur leurs récoltes. Nous demandons que la finance "
                "climatique parvienne directement à leurs organisations.",
            )
        ),
        "cta": None,
        "authors": ["carlos", "ana"],
        "topics": ["climate"],
        "related": ["objective:strategy"],
    },
    {
        "key": "consumption_research",
        "date": datetime.date(2025, 9, 18),
        "type": "research",
        "title": t(
            "Investigación: el consumo responsable en las universidades",
            en="Research: responsible consumption at universities",
            pt="Pesquisa: o consumo responsável nas universidades",
            fr="Recherche : la consommation responsable dans les universités",
        ),
        "slug": t(
            "investigacion-consumo-responsable",
            en="research-responsible-consumption",
            pt="pesquisa-consumo-responsavel",
            fr="recherche-consommation-responsable",
        ),
        "summary": t(
            "Una investigación explora cómo estudiantes y docentes eligen lo que "
            "consumen en sus campus.",
            en="A research project explores how students and staff choose what they "
            "buy on campus.",
            pt="Uma pesquisa investiga como estudantes e professores escolhem o que "
            "consomem nos seus campi.",
            fr="Une recherche étudie comment étudiants et enseignants choisissent ce "
            "qu’ils consomment sur leur campus.",
        ),
        "image": "honey",
        "image_alt": IMAGES["honey"]["alt"],
        "body": p(
            t(
                "Los resultados orientarán las actividades de la campaña de "
                "universidades y ayudarán a acercar los productos de comercio justo a "
                "las cafeterías universitarias.",
                en="The findings will guide the universities campaign and help bring "
                "fair trade products to university cafés.",
                pt="Os resultados vão orientar as atividades da campanha de "
                "universidades e ajudar a levar os produtos do comércio justo às "
                "cantinas universitárias.",
                fr="Les résultats guideront les activités de la campagne des "
                "universités et aideront à faire entrer les produits du commerce équitable "
                "dans "
                "les cafétérias universitaires.",
            )
        ),
        "cta": None,
        "authors": ["carlos"],
        "topics": ["knowledge"],
        "related": ["campaign:universities"],
    },
    {
        "key": "networks_meeting",
        "date": datetime.date(2025, 10, 2),
        "type": "news",
        "title": t(
            "Las Redes de País coordinan su agenda de incidencia",
            en="The Country Networks coordinate their advocacy agenda",
            pt="As Redes Nacionais coordenam sua agenda de incidência",
            fr="Les réseaux nationaux coordonnent leur agenda de plaidoyer",
        ),
        "slug": t(
            "redes-de-pais-agenda",
            en="country-networks-agenda",
            pt="redes-nacionais-agenda",
            fr="reseaux-nationaux-agenda",
        ),
        "summary": t(
            "Representantes de las Redes de País compartieron experiencias y "
            "acordaron prioridades comunes.",
            en="Representatives of the Country Networks shared experiences and agreed "
            "on common priorities.",
            pt="Representantes das Redes Nacionais compartilharam experiências e "
            "definiram prioridades comuns.",
            fr="Des représentants des réseaux nationaux ont partagé leurs expériences "
            "et convenu de priorités communes.",
        ),
        "image": "assembly",
        "image_alt": IMAGES["assembly"]["alt"],
        "body": p(
            t(
                "El intercambio permitió conocer avances en políticas públicas de "
                "varios países y preparar propuestas conjuntas para el próximo año.",
                en="The exchange shed light on public policy progress in several "
                "countries and prepared joint proposals for the coming year.",
                pt="O intercâmbio permitiu conhecer avanços em políticas públicas de "
                "vários países e preparar propostas conjuntas para o próximo ano.",
                fr="L’échange a permis de connaître les avancées des politiques "
                "publiques de plusieurs pays et de préparer des propositions communes "
                "pour l’année prochaine.",
            )
        ),
        "cta": None,
        "authors": ["ana"],
        "topics": ["alliances", "advocacy"],
        "related": ["objective:alliances"],
    },
]

ABOUT = {
    "title": t("Quiénes somos", en="About us", pt="Quem somos", fr="Qui sommes-nous"),
    "slug": t("quienes-somos", en="about-us", pt="quem-somos", fr="qui-sommes-nous"),
    "intro": t(
        "Somos la red que representa a las organizaciones de pequeños productores y "
        "trabajadores de comercio justo de América Latina y el Caribe.",
        en="We are the network that represents fair trade small producer and worker "
        "organisations in Latin America and the Caribbean.",
        pt="Somos a rede que representa as organizações de pequenos produtores e "
        "trabalhadores do comércio justo da América Latina e do Caribe.",
        fr="Nous sommes le réseau qui représente les organisations de petits "
        "producteurs et de travailleurs du commerce équitable d’Amérique latine et "
        "des Caraïbes.",
    ),
    "hero_image": "landscape",
    "hero_image_alt": IMAGES["landscape"]["alt"],
    "body": [
        (
            "paragraph",
            p(
                t(
                    "Nuestras organizaciones socias se agrupan en Redes de País, que "
                    "llevan la voz de los productores ante sus gobiernos y sociedades.",
                    en="Our member organisations come together in Country Networks, "
                    "which carry producers' voices to their governments and societies.",
                    pt="As nossas organizações associadas se reúnem em Redes Nacionais, "
                    "que levam a voz dos produtores aos seus governos e sociedades.",
                    fr="Nos organisations membres se regroupent en réseaux nationaux, "
                    "qui portent la voix des producteurs auprès de leurs gouvernements "
                    "et de leurs sociétés.",
                )
            ),
        ),
        (
            "image",
            {
                "image": "producers",
                "alt": IMAGES["producers"]["alt"],
                "caption": t(
                    "Tres productores en su parcela (ilustración).",
                    en="Three producers on their plot (illustration).",
                    pt="Três produtores em sua lavoura (ilustração).",
                    fr="Trois producteurs sur leur parcelle (illustration).",
                ),
            },
        ),
        (
            "cta",
            (
                "strategy",
                t(
                    "Conoce nuestra estrategia de incidencia",
                    en="Read about our advocacy strategy",
                    pt="Conheça a nossa estratégia de incidência",
                    fr="Découvrir notre stratégie de plaidoyer",
                ),
            ),
        ),
    ],
}

PRIVACY = {
    "title": t(
        "Política de privacidad",
        en="Privacy policy",
        pt="Política de privacidade",
        fr="Politique de confidentialité",
    ),
    "slug": t(
        "politica-de-privacidad",
        en="privacy-policy",
        pt="politica-de-privacidade",
        fr="politique-de-confidentialite",
    ),
    "intro": t(
        "Cómo tratamos los datos que nos envías a través de este sitio.",
        en="How we handle the information you send us through this site.",
        pt="Como tratamos os dados que você nos envia por meio deste site.",
        fr="Comment nous traitons les données que vous nous envoyez via ce site.",
    ),
    "body": [
        (
            "heading",
            t(
                "Qué datos recogemos",
                en="What we collect",
                pt="Quais dados coletamos",
                fr="Les données que nous recueillons",
            ),
        ),
        (
            "paragraph",
            p(
                t(
                    "Solo los que escribes en nuestros formularios: tu nombre, tu "
                    "correo electrónico, tu institución y tu mensaje.",
                    en="Only what you type into our forms: your name, email address, "
                    "institution and message.",
                    pt="Apenas o que você escreve nos nossos formulários: o seu nome, o "
                    "seu e-mail, a sua instituição e a sua mensagem.",
                    fr="Uniquement ce que vous saisissez dans nos formulaires : votre "
                    "nom, votre adresse e-mail, votre institution et votre message.",
                )
            ),
        ),
        (
            "heading",
            t(
                "Para qué los usamos",
                en="What we use it for",
                pt="Para que os usamos",
                fr="À quoi elles servent",
            ),
        ),
        (
            "paragraph",
            p(
                t(
                    "Para responderte y, si te inscribes en una campaña, para "
                    "coordinar tu participación. No vendemos ni cedemos tus datos.",
                    en="To answer you and, if you sign up for a campaign, to organise "
                    "your participation. We never sell or pass on your data.",
                    pt="Para responder a você e, se você se inscrever em uma campanha, "
                    "para coordenar a sua participação. Não vendemos nem cedemos os "
                    "seus dados.",
                    fr="Pour vous répondre et, si vous vous inscrivez à une campagne, "
                    "pour organiser votre participation. Nous ne vendons ni ne cédons "
                    "vos données.",
                ),
                t(
                    "Puedes pedirnos en cualquier momento que corrijamos o borremos tus "
                    "datos escribiendo a la dirección de contacto de este sitio.",
                    en="You can ask us at any time to correct or delete your data by "
                    "writing to this site's contact address.",
                    pt="Você pode nos pedir a qualquer momento que corrijamos ou "
                    "apaguemos os seus dados, escrevendo para o endereço de contato "
                    "deste site.",
                    fr="Vous pouvez à tout moment nous demander de corriger ou de "
                    "supprimer vos données en écrivant à l’adresse de contact de ce "
                    "site.",
                ),
            ),
        ),
    ],
}

ACCESSIBILITY = {
    "title": t(
        "Declaración de accesibilidad",
        en="Accessibility statement",
        pt="Declaração de acessibilidade",
        fr="Déclaration d’accessibilité",
    ),
    "slug": t(
        "declaracion-de-accesibilidad",
        en="accessibility-statement",
        pt="declaracao-de-acessibilidade",
        fr="declaration-d-accessibilite",
    ),
    "intro": t(
        "Queremos que todas las personas puedan usar este sitio.",
        en="We want everyone to be able to use this site.",
        pt="Queremos que todas as pessoas possam usar este site.",
        fr="Nous voulons que tout le monde puisse utiliser ce site.",
    ),
    "body": [
        (
            "paragraph",
            p(
                t(
                    "Nuestro objetivo es cumplir el nivel AA de las Pautas de "
                    "Accesibilidad para el Contenido Web (WCAG) 2.2 en los cuatro "
                    "idiomas del sitio.",
                    en="We aim to meet level AA of the Web Content Accessibility "
                    "Guidelines (WCAG) 2.2 in all four languages of the site.",
                    pt="O nosso objetivo é cumprir o nível AA das Diretrizes de "
                    "Acessibilidade para Conteúdo Web (WCAG) 2.2 nos quatro idiomas do "
                    "site.",
                    fr="Notre objectif est de respecter le niveau AA des Règles pour "
                    "l’accessibilité des contenus Web (WCAG) 2.2 dans les quatre "
                    "langues du site.",
                ),
                t(
                    "Si encuentras una barrera, escríbenos desde la página de contacto "
                    "y la corregiremos lo antes posible.",
                    en="If you run into a barrier, write to us from the contact page "
                    "and we will fix it as soon as we can.",
                    pt="Se você encontrar uma barreira, escreva pela página de contato "
                    "e vamos corrigi-la o mais rápido possível.",
                    fr="Si vous rencontrez un obstacle, écrivez-nous depuis la page de "
                    "contact et nous le corrigerons au plus vite.",
                ),
            ),
        ),
    ],
}

CONTACT = {
    "title": t("Contacto", en="Contact", pt="Contato", fr="Contact"),
    "slug": t("contacto", en="contact", pt="contato", fr="contact"),
    "intro": t(
        "¿Tienes dudas sobre nuestro trabajo o sobre el impacto del comercio justo en "
        "nuestras organizaciones, redes, territorios y sociedad? Escríbenos: siempre "
        "será un gusto atenderte.",
        en="Do you have questions about our work, or about the difference fair trade "
        "makes to our organisations, networks, territories and society? Write to us: "
        "we are always glad to help.",
        pt="Tem dúvidas sobre o nosso trabalho ou sobre o impacto do comércio justo "
        "nas nossas organizações, redes, territórios e sociedade? Escreva: sempre será "
        "um prazer atender você.",
        fr="Vous avez des questions sur notre travail ou sur l’effet du commerce "
        "équitable sur nos organisations, nos réseaux, nos territoires et la société ? "
        "Écrivez-nous : ce sera toujours un plaisir de vous répondre.",
    ),
    "thank_you_text": t(
        "Gracias por escribirnos. Te responderemos lo antes posible.",
        en="Thank you for writing to us. We will reply as soon as we can.",
        pt="Obrigado por escrever. Responderemos o mais rápido possível.",
        fr="Merci de nous avoir écrit. Nous vous répondrons dès que possible.",
    ),
    "subject": t(
        "Nuevo mensaje desde el sitio web",
        en="New message from the website",
        pt="Nova mensagem pelo site",
        fr="Nouveau message depuis le site web",
    ),
    "fields": [
        {
            "key": "name",
            "type": "singleline",
            "required": True,
            "label": t("Nombre", en="Name", pt="Nome", fr="Nom"),
        },
        {"key": "email", "type": "email", "required": True, "label": _EMAIL_LABEL},
        {
            "key": "subject",
            "type": "dropdown",
            "required": True,
            "label": t("Asunto", en="Subject", pt="Assunto", fr="Objet"),
            "choices": ["general", "campaigns", "advocacy", "press", "other"],
            "choice_labels": t(
                "Consulta general\nCampañas\nIncidencia y políticas públicas\nPrensa\nOtro",
                en="General question\nCampaigns\nAdvocacy and public policy\nPress\nOther",
                pt="Dúvida geral\nCampanhas\nIncidência e políticas públicas\nImprensa\n"
                "Outro",
                fr="Question générale\nCampagnes\nPlaidoyer et politiques publiques\n"
                "Presse\nAutre",
            ),
        },
        {
            "key": "message",
            "type": "multiline",
            "required": True,
            "label": _MESSAGE_LABEL,
        },
    ],
}

# The main menu and footer, by page key (see loader.PAGE_KEYS).
MAIN_MENU = ["strategy", "campaigns", "news", "about", "contact"]
FOOTER_LINKS = ["privacy", "accessibility", "contact"]
