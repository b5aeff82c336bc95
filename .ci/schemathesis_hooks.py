# swift-did: decentralized identity for Swift. Apache-2.0.
"""schemathesis hooks for the did-resolver run: the DID media types are JSON (DID Resolution §4, §5; DID Core §6.2),
so their bodies are checked against the document's schemas like application/json ones."""
import json

import schemathesis


@schemathesis.deserializer("application/did", "application/did-resolution", "application/did-url-dereferencing")
def deserialize_did_json(ctx, response):
    return json.loads(response.content)
