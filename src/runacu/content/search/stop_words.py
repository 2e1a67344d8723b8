"""The word lists search uses, per language: words that carry no meaning, and words that keep their own stem.

STOP_WORDS: small lists on purpose, written folded (lower case, no accents, straight apostrophes)
as search compares words: the pronouns, articles, prepositions, conjunctions and helping verbs a
question is built with ("does", "my", "how", "el", "para", "puedo", the "dan" of "me dan miedo"),
and the words that only grade or pad it ("better", "best", "going", "mejor"). A word a guide
answers with ("first", "long", "safe", "help", "feel") is not one of them, however common.
Negation ("not", "can't", "no") is one: every guide says it, so it tells no topic from another;
a contraction typed without its apostrophe ("cant", "dont", "im") is one as it is with it;
a phrase of the everyday-words table is matched before stop words are dropped, so "how much"
still means cost, "por qué" a cause, and a warning sign may be a phrase with "no" in it.

OWN_WORDS: words that Snowball stems like a different word and that must not match it. Spanish
stems are short: "plano" (flat) stems like "plan", "dormida" (numb) like "dormir" (to sleep),
"seguido" (often) like "seguir" (to keep on), "segura" (safe) like "seguro" (insurance). Each line
is one word in its forms: they match one another, and nothing else.
"""

from __future__ import annotations

_ENGLISH = """
    a about above actually after again against all also always am an and any anybody anyone anything
    anyway are aren't as at basically be because been before being below best better between bit
    both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
    each else even ever every few for from further get gets getting goes going gonna good got gotten
    had hadn't has hasn't have haven't having he he's her here hers herself him himself his how how's
    i i'd i'll i'm i've if in into is isn't it it'd it'll it's its itself just let let's like lot lots
    may maybe me might mine more most much must my myself never no nor not now of off often ok okay
    on once one only or other others ought our ours ourselves out over own please quite rather really
    same shall she she'd she's should shouldn't so some somebody someone something sometimes still
    such than thank thanks that that's the their theirs them themselves then there there's these they
    they'd they'll they're they've thing things this those though through thus to too under until up
    upon us usually very want wants was wasn't we we'd we'll we're we've were weren't what what's
    whatever when when's where where's whether which while who who's whom whose why why's will with
    won't would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves
    arent cant couldnt didnt doesnt dont hadnt hasnt havent im isnt ive shouldnt thats theres wasnt
    werent whats wont wouldnt youre
"""

_SPANISH = """
    a al algo alguien algun alguna algunas alguno algunos alla alli ante antes aqui asi aun aunque
    bien buen buena buenas bueno buenos cada cierto como con conmigo contigo cual cuales cualquier
    cuan cuando cuanta cuantas cuanto cuantos da dan dar das de debe deben deberia debo del demas
    desde dio donde dos doy durante e el ella ellas ello ellos en entonces entre era eran eres es esa
    esas ese eso esos esta estaba estado estamos estan estar estas este esto estos estoy fue fueron
    ha haber habia han has hasta hay haya he hemos hice hizo hola ir la las le les lo los mas me
    mejor mejores mi mia mias mio mios mis mucha muchas mucho muchos muy nada ni ninguna ninguno no
    normalmente nos nosotras nosotros nuestra nuestras nuestro nuestros nunca o os otra otras otro
    otros para pero poco por porque pudo pueda puedan puede pueden puedes puedo pues que quien
    quienes realmente se sea sean ser si sido siempre sin sino sobre sois solo somos son soy su sus
    suya suyo tal tambien tan tanto te tendre tendria tener tengo ti tiene tienen tienes toda todas
    todo todos tu tus tuya tuyo u un una unas uno unos usted ustedes va vamos van vas veces vosotros
    voy y ya yo
"""

ENGLISH = frozenset(_ENGLISH.split())
SPANISH = frozenset(_SPANISH.split())

#: Stop words by language code. A language without a list (a new one, until it is given one here) drops nothing
#: but single letters: its searches work, each word of a question counting as much as the rest.
STOP_WORDS = {"en": ENGLISH, "es": SPANISH}

_SPANISH_OWN = """
    dormida dormidas dormido dormidos
    plana planas plano planos
    segura seguras
    seguro seguros
    seguida seguidas seguido seguidos
"""


def _own(groups: str) -> dict[str, str]:
    return {form: "=" + line.split()[0] for line in groups.strip().splitlines() for form in line.split()}


#: For each language, each form of a word that keeps its own stem, and that stem: "=" and the group's
#: first form, which no Snowball stem is. A language without a list stems every word as Snowball does.
OWN_WORDS = {"es": _own(_SPANISH_OWN)}
