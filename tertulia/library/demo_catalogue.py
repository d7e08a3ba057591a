"""What the demo library holds: themes and resources in English, Spanish and French.

Invented titles in the manner of real training material; links point at the sites of
the kinds of organisation that publish it (https only).
"""

from __future__ import annotations

from dataclasses import dataclass

# (slug, English, Spanish, French)
THEMES = (
    ("awareness-raising", "Awareness-raising", "Sensibilización", "Sensibilisation"),
    ("intersectionality", "Intersectionality", "Interseccionalidad", "Intersectionnalité"),
    ("care-economy", "Care economy", "Economía del cuidado", "Économie des soins"),
    (
        "evaluation-of-training",
        "Evaluation of training",
        "Evaluación de la capacitación",
        "Évaluation de la formation",
    ),
    ("feminist-pedagogy", "Feminist pedagogy", "Pedagogía feminista", "Pédagogie féministe"),
    (
        "gender-responsive-budgeting",
        "Gender-responsive budgeting",
        "Presupuestos con enfoque de género",
        "Budgétisation sensible au genre",
    ),
    ("masculinities", "Masculinities", "Masculinidades", "Masculinités"),
    (
        "gender-based-violence",
        "Gender-based violence",
        "Violencia de género",
        "Violences basées sur le genre",
    ),
    ("online-training", "Online training", "Formación en línea", "Formation en ligne"),
)


@dataclass(frozen=True)
class DemoResource:
    title: str
    kind: str
    languages: tuple[str, ...]
    year: int
    organisation: str
    description: str
    themes: tuple[str, ...]
    url: str = ""
    file: str = ""  # "pdf", "txt" or "csv": a small generated file instead of a link
    authors: str = ""
    featured: bool = False
    pending: bool = False  # a member's suggestion still waiting for review
    by_member: bool = False
    downloads: int = 0


R = DemoResource
UNW = "https://trainingcentre.unwomen.org"

# One resource per entry, kept compact: (title, type, languages, year, organisation,
# description, themes, then what differs from the defaults).
# fmt: off
RESOURCES = (
    R("Gender Equality Training Manual for Trainers", "manual", ("en", "es", "fr"), 2016,
      "UN Women Training Centre",
      "A complete manual for people who design and deliver training for gender equality: "
      "principles, planning a course, choosing methods and handling resistance in the room.",
      ("awareness-raising", "feminist-pedagogy"), url=f"{UNW}/resources/manual-trainers",
      featured=True, downloads=412),
    R("Compendium of Good Practices in Training for Gender Equality", "report", ("en",), 2016,
      "UN Women Training Centre",
      "Twenty practices from five continents, each described with its context, its methods "
      "and what participants said changed for them afterwards.",
      ("evaluation-of-training",), url=f"{UNW}/resources/compendium-good-practices",
      featured=True, downloads=287),
    R("Typology on Training for Gender Equality", "report", ("en", "es", "fr"), 2015,
      "UN Women Training Centre",
      "Sorts training for gender equality into types (awareness-raising, knowledge, skills, "
      "mobilisation) and explains what each kind of training can be expected to achieve.",
      ("awareness-raising", "evaluation-of-training"), url=f"{UNW}/resources/typology",
      downloads=198),
    R("Understanding Change through Training for Gender Equality", "report", ("en",), 2017,
      "UN Women Training Centre",
      "Background paper for the tenth virtual dialogue: what kinds of change training can "
      "achieve, and how trainers can assess and evaluate that change over time.",
      ("evaluation-of-training",), file="pdf", authors="Lucy Ferguson", downloads=96),
    R("Intersectionality in Training: a Facilitator's Toolkit", "manual", ("en",), 2017,
      "Gender at Work",
      "Exercises and case material that help trainers bring race, class, disability, age and "
      "sexuality into sessions on gender, without turning them into a checklist.",
      ("intersectionality", "feminist-pedagogy"),
      url="https://genderatwork.org/resources/intersectionality-toolkit", featured=True,
      downloads=164),
    R("Feminist Pedagogies and Online Training", "video", ("en",), 2017,
      "UN Women Training Centre",
      "Recording of the first interview of the CoP interview series, on feminist pedagogies "
      "and what changes when training for gender equality moves online.",
      ("feminist-pedagogy", "online-training"), authors="Lucy Ferguson",
      url="https://www.youtube.com/watch?v=cop-interview-ferguson", downloads=75),
    R("Engaging Men and Boys in Gender Equality: Programme Guide", "manual", ("en", "es"), 2018,
      "Promundo",
      "How to design group education with men and boys on care work, fatherhood and violence "
      "prevention, with session plans tested in Brazil, Rwanda and India.",
      ("masculinities", "gender-based-violence"),
      url="https://www.promundoglobal.org/resources/programme-guide", downloads=133),
    R("Participatory Gender Audit: Manual for Facilitators", "manual", ("en", "fr", "es"), 2012,
      "International Labour Organization",
      "The ILO's methodology for auditing how an organisation works on gender equality, step "
      "by step, with workshop exercises for the audit team.",
      ("evaluation-of-training",), url="https://www.ilo.org/gender/participatory-gender-audit",
      downloads=221),
    R("Gender-Responsive Budgeting: Course Material", "course", ("en",), 2019,
      "UN Women Training Centre",
      "Slides, handouts and exercises from a five-day course on reading public budgets with "
      "a gender lens and proposing changes that reach women and men alike.",
      ("gender-responsive-budgeting",), url=f"{UNW}/courses/grb-material", downloads=58),
    R("Why Care Work Matters: the Care Economy Explained", "podcast", ("en",), 2018,
      "Oxfam",
      "A forty-minute conversation on unpaid care work, how it is counted and why training "
      "for gender equality should talk about time as much as about money.",
      ("care-economy",), url="https://www.oxfam.org/en/podcasts/why-care-work-matters"),
    R("Evaluating Gender Training: a Practical Guide", "manual", ("en",), 2014,
      "European Institute for Gender Equality",
      "Guidance on evaluating training for gender equality beyond satisfaction forms: "
      "learning, behaviour and organisational change, with sample tools.",
      ("evaluation-of-training",),
      url="https://eige.europa.eu/gender-mainstreaming/toolkits/gender-training", downloads=142),
    R("Gender Mainstreaming in Public Administration: Case Study from Kenya", "case_study",
      ("en",), 2020, "Institute of Development Studies",
      "How a county government trained its staff on gender mainstreaming and what was still "
      "different in budgets and services two years later.",
      ("gender-responsive-budgeting", "evaluation-of-training"),
      url="https://www.ids.ac.uk/publications/gender-mainstreaming-kenya"),
    R("Training Session Plan: Unpacking Gender Stereotypes", "course", ("en",), 2021,
      "CoP members", "A ninety-minute session plan, shared by a member, that uses photographs "
      "and role reversal to open a first conversation about stereotypes.",
      ("awareness-raising",), file="txt", by_member=True, downloads=31),
    R("National Action Plan on Women, Peace and Security", "policy", ("en", "fr"), 2019,
      "Government of Canada",
      "A national action plan with commitments on training peacekeepers and police on "
      "gender, and the indicators used to follow them.",
      ("gender-based-violence",),
      url="https://www.international.gc.ca/world-monde/issues_development-enjeux_developpement/"
      "gender_equality-egalite_des_genres/cnap_wps-pnac_fps.aspx"),
    R("Online Facilitation for Gender Trainers", "course", ("en",), 2022,
      "UN Women Training Centre",
      "A self-paced module on running participatory sessions online: breakout rooms, "
      "silent participants, slow connections and safety in virtual spaces.",
      ("online-training", "feminist-pedagogy"), url=f"{UNW}/courses/online-facilitation",
      downloads=67),
    R("Workshop Participants by Region, 2015 to 2022", "report", ("en",), 2023,
      "UN Women Training Centre",
      "A small table of training participants by region and year, for trainers who want to "
      "see who the courses reached and who they still miss.",
      ("evaluation-of-training",), file="csv", downloads=12),
    R("Masculinities and Violence Prevention: Evidence Review", "report", ("en",), 2020,
      "Sonke Gender Justice",
      "A review of studies on programmes that work with men to prevent violence against "
      "women, and what the strongest of them have in common.",
      ("masculinities", "gender-based-violence"),
      url="https://genderjustice.org.za/publication/evidence-review", pending=True,
      by_member=True),
    R("Gender Budget Statements Around the World", "report", ("en",), 2023,
      "Organisation for Economic Co-operation and Development",
      "A comparison of how finance ministries report the gender impact of their budgets, "
      "with examples from twenty countries.",
      ("gender-responsive-budgeting",),
      url="https://www.oecd.org/gov/budgeting/gender-budget-statements.htm"),
    # Spanish
    R("Manual de capacitación en género para facilitadoras", "manual", ("es",), 2018,
      "ONU Mujeres", "Un manual práctico para quienes diseñan y facilitan talleres de género: "
      "planificación, metodologías participativas y cómo trabajar las resistencias.",
      ("awareness-raising", "feminist-pedagogy"), url=f"{UNW}/recursos/manual-facilitadoras",
      featured=True, downloads=301),
    R("Escuela de formación feminista: guía metodológica", "manual", ("es",), 2017,
      "Red de Educación Popular Entre Mujeres",
      "La educación popular feminista como base de la capacitación de género: del "
      "empoderamiento personal al colectivo, con ejercicios para construir una agenda común.",
      ("feminist-pedagogy",), url="https://www.repem.org/recursos/escuela-formacion-feminista",
      authors="Daniela Moreno Alarcón", downloads=118),
    R("Economía del cuidado: serie de conferencias", "video", ("es", "en"), 2017,
      "ONU Mujeres Centro de Capacitación",
      "Grabaciones de las conferencias en línea sobre la economía del cuidado: el trabajo no "
      "remunerado, las políticas de cuidado y su lugar en la capacitación.",
      ("care-economy",), url=f"{UNW}/recursos/economia-del-cuidado", downloads=89),
    R("Interseccionalidad y capacitación en género: documento de reflexión", "report", ("es",),
      2017, "ONU Mujeres Centro de Capacitación",
      "Nota conceptual del diálogo virtual sobre interseccionalidad: qué significa en la "
      "capacitación, por qué importa y cómo abordarla en nuestros programas.",
      ("intersectionality",), file="pdf", downloads=54),
    R("Presupuestos públicos con enfoque de género en América Latina", "report", ("es",), 2021,
      "Comisión Económica para América Latina y el Caribe",
      "Un panorama de las experiencias de presupuestos sensibles al género en la región, "
      "con lecciones para quienes capacitan a personal de ministerios de hacienda.",
      ("gender-responsive-budgeting",),
      url="https://www.cepal.org/es/publicaciones/presupuestos-genero", downloads=77),
    R("Masculinidades y prevención de la violencia: caja de herramientas", "manual", ("es",),
      2019, "Instituto Promundo",
      "Actividades para grupos de hombres jóvenes sobre masculinidades, cuidado y "
      "prevención de la violencia, probadas en México, Chile y Brasil.",
      ("masculinities", "gender-based-violence"),
      url="https://www.promundoglobal.org/es/recursos/caja-herramientas"),
    R("Evaluar el cambio: la capacitación de género a examen", "case_study", ("es",), 2018,
      "Universidad Complutense de Madrid",
      "Estudio de caso sobre la evaluación de un programa de capacitación en género en la "
      "administración pública y los cambios observados un año después.",
      ("evaluation-of-training",), url="https://www.ucm.es/estudios-genero/evaluar-el-cambio"),
    R("Ley de cuidados: propuesta de política pública", "policy", ("es",), 2022,
      "Gobierno de Uruguay", "El sistema nacional de cuidados explicado para "
      "capacitadoras: quién cuida, quién paga y cómo se organiza el cuidado como derecho.",
      ("care-economy",), url="https://www.gub.uy/sistema-cuidados/politica"),
    R("Podcast: Voces feministas en la formación", "podcast", ("es",), 2021,
      "Colectiva Feminista", "Conversaciones con formadoras de cinco países sobre cómo "
      "llevan la pedagogía feminista a aulas, sindicatos y organizaciones comunitarias.",
      ("feminist-pedagogy",), url="https://www.colectivafeminista.org/podcast/voces",
      by_member=True),
    R("Guía para talleres en línea con conexión lenta", "manual", ("es",), 2023,
      "Red de Capacitadoras", "Consejos para facilitar talleres de género en línea cuando "
      "las participantes tienen poca conexión: materiales ligeros, audio y mensajería.",
      ("online-training",), url="https://www.redcapacitadoras.org/guia-conexion-lenta",
      pending=True, by_member=True),
    R("Sensibilización sobre violencia de género en el trabajo", "course", ("es",), 2020,
      "Organización Internacional del Trabajo",
      "Material del curso sobre el Convenio 190: definiciones, obligaciones de empleadores "
      "y ejercicios para talleres de sensibilización en empresas.",
      ("gender-based-violence", "awareness-raising"),
      url="https://www.ilo.org/es/cursos/violencia-acoso-trabajo", downloads=64),
    R("Estudio de caso: formación de género en cooperativas rurales", "case_study", ("es",),
      2019, "FAO", "Cómo se capacitó en género a cooperativas agrícolas de Bolivia y Perú, y "
      "qué cambió en la toma de decisiones y el reparto de tareas.",
      ("awareness-raising", "care-economy"),
      url="https://www.fao.org/es/estudios/cooperativas-genero", by_member=True),
    # French
    R("Guide de formation au genre pour les formatrices et formateurs", "manual", ("fr",), 2017,
      "Genre en Action", "Un guide pratique pour concevoir et animer des formations sur le "
      "genre : objectifs, méthodes participatives et gestion des résistances.",
      ("awareness-raising", "feminist-pedagogy"),
      url="https://www.genreenaction.net/guide-formation-genre", featured=True, downloads=176),
    R("Intersectionnalité : comprendre et former", "course", ("fr",), 2018,
      "Genre en Action", "Support de cours pour introduire l'intersectionnalité dans les "
      "formations sur le genre, avec des études de cas d'Afrique de l'Ouest.",
      ("intersectionality",), url="https://www.genreenaction.net/intersectionnalite-former",
      authors="Elisabeth Hoffmann", downloads=83),
    R("Économie des soins et travail non rémunéré en Afrique centrale", "report", ("fr",), 2020,
      "Banque africaine de développement",
      "Une étude sur le temps consacré aux soins non rémunérés au Congo, au Cameroun et au "
      "Gabon, et sur les politiques qui allègent cette charge.",
      ("care-economy",), url="https://www.afdb.org/fr/documents/economie-des-soins",
      by_member=True),
    R("Évaluer l'impact des formations sur l'égalité de genre", "manual", ("fr",), 2016,
      "Institut européen pour l'égalité entre les hommes et les femmes",
      "Une méthode en quatre niveaux pour évaluer les formations : satisfaction, "
      "apprentissage, changement de pratiques et effets sur l'organisation.",
      ("evaluation-of-training",),
      url="https://eige.europa.eu/fr/gender-mainstreaming/toolkits/evaluation", downloads=59),
    R("Pédagogie féministe : dix principes pour la salle de formation", "course", ("fr",), 2021,
      "Université de Genève", "Dix principes de pédagogie féministe illustrés par des "
      "exercices, pour des formations où chaque participante prend la parole.",
      ("feminist-pedagogy",), file="pdf"),
    R("Masculinités positives : étude de cas au Sénégal", "case_study", ("fr",), 2019,
      "ONU Femmes Afrique de l'Ouest et du Centre",
      "Retour sur un programme de clubs de pères à Dakar et Thiès : méthodes, résistances "
      "rencontrées et changements observés dans le partage des tâches.",
      ("masculinities",), url="https://africa.unwomen.org/fr/etudes/masculinites-senegal"),
    R("Politique nationale genre du Burkina Faso", "policy", ("fr",), 2020,
      "Gouvernement du Burkina Faso",
      "Le document de politique nationale genre, avec son volet consacré au renforcement des "
      "capacités des agents publics et des collectivités.",
      ("gender-responsive-budgeting",), url="https://www.gouvernement.gov.bf/politique-genre"),
    R("Violences basées sur le genre : module de sensibilisation", "course", ("fr", "en"), 2022,
      "Fonds des Nations Unies pour la population",
      "Un module de formation de deux jours sur la prévention et la prise en charge des "
      "violences basées sur le genre, pour les agents de santé et de police.",
      ("gender-based-violence", "awareness-raising"),
      url="https://www.unfpa.org/fr/ressources/module-vbg", downloads=95),
    R("Former en ligne : retours d'expérience de formatrices", "podcast", ("fr",), 2023,
      "Genre en Action", "Trois formatrices racontent comment elles ont adapté leurs "
      "ateliers sur le genre à la formation à distance, avec peu de bande passante.",
      ("online-training",), url="https://www.genreenaction.net/podcast/former-en-ligne",
      by_member=True),
    R("Budgétisation sensible au genre au niveau local", "manual", ("fr",), 2018,
      "Cités et Gouvernements Locaux Unis d'Afrique",
      "Un manuel pour les élus et agents municipaux : analyser un budget local et y intégrer "
      "les priorités des femmes et des hommes de la commune.",
      ("gender-responsive-budgeting",), url="https://www.uclga.org/fr/manuel-bsg",
      pending=True, by_member=True),
    R("Sensibiliser sans culpabiliser : fiches d'animation", "other", ("fr",), 2024,
      "Collectif des formatrices", "Des fiches d'animation pour ouvrir une première "
      "discussion sur les inégalités sans mettre les participants sur la défensive.",
      ("awareness-raising",), url="https://www.collectif-formatrices.org/fiches-animation",
      pending=True, by_member=True),
    R("Le travail de care au cœur des formations", "video", ("fr",), 2021,
      "Université Cheikh Anta Diop", "Conférence filmée sur le travail de care et la manière "
      "d'en parler dans les formations pour l'égalité de genre en Afrique francophone.",
      ("care-economy", "feminist-pedagogy"),
      url="https://www.ucad.sn/conferences/travail-de-care"),
    R("Gender and Climate Change: Training Module", "course", ("en", "fr", "es"), 2022,
      "United Nations Development Programme",
      "A training module on gender and climate action: vulnerability, participation in "
      "decisions and gender-responsive adaptation projects.",
      ("awareness-raising", "intersectionality"),
      url="https://www.undp.org/publications/gender-climate-training-module"),
    R("Time-Use Surveys: What They Tell Trainers", "other", ("en",), 2024,
      "UN Statistics Division",
      "A short explainer on reading time-use surveys, so trainers can show how unpaid care "
      "work is shared in their own country.",
      ("care-economy",), url="https://unstats.un.org/gender/time-use-explainer",
      by_member=True),
)
# fmt: on
