"""The project's ontology terms as an rdflib DefinedNamespace: a mistyped term raises AttributeError."""
from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

BASE = "https://kg.example.org/"
KGR = Namespace(BASE + "id/")  # resources (entities, articles, sentences, statements)


class KGO(DefinedNamespace):
    """Classes and properties of ontology/kg.ttl."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    Company: URIRef
    Park: URIRef
    Project: URIRef
    Institute: URIRef
    Place: URIRef
    GovernmentBody: URIRef
    Policy: URIRef
    Award: URIRef
    Article: URIRef
    Sentence: URIRef
    Fact: URIRef
    RelationStatement: URIRef
    locatedIn: URIRef
    partOf: URIRef
    hosts: URIRef
    investsIn: URIRef
    operates: URIRef
    leads: URIRef
    receivedAward: URIRef
    withinDivision: URIRef
    about: URIRef
    measure: URIRef
    value: URIRef
    unit: URIRef
    unitAsWritten: URIRef
    numberAsWritten: URIRef
    amountAsWritten: URIRef
    qualifier: URIRef
    period: URIRef
    year: URIRef
    text: URIRef
    inArticle: URIRef
    charSpan: URIRef
    mentionedIn: URIRef
    rule: URIRef
    district: URIRef
    sourceFile: URIRef
    altType: URIRef
    measureConcept: URIRef
    status: URIRef
    aspect: URIRef
    direction: URIRef
    scope: URIRef
    changeRole: URIRef
    changedFrom: URIRef
    matchPattern: URIRef
    matchUnit: URIRef
    matchOrder: URIRef
