#!/usr/bin/env python3
# swift-did: decentralized identity for Swift. Apache-2.0.
"""Writes the Mastodon mapping vectors (archive/, csv/) and computes expected.json independently of the Swift code:
raw CIDs with hashlib + base32, JCS with json.dumps (valid here: ASCII keys, and the only floats, 0.5 and -0.25, print the same in Python and ECMAScript), order per IMB v0.1 §9.4."""
import base64, hashlib, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
ACTOR = "https://social.example/users/alice"


def cid(data: bytes) -> str:
    return "b" + base64.b32encode(bytes([1, 0x55, 0x12, 0x20]) + hashlib.sha256(data).digest()).decode().lower().rstrip("=")


def jcs(obj) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def write(path, data):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


avatar = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + bytes(range(256)) * 2
header = bytes([0xFF, 0xD8, 0xFF, 0xE0]) + bytes((i * 7) % 256 for i in range(700))
media = {
    "media_attachments/files/113/456/789/012/345/678/original/8f1c2a9b7e4d.png": bytes((i * 31 + 7) % 256 for i in range(3000)),
    "media_attachments/files/113/456/789/012/345/679/original/0a1b2c3d4e5f.mp4": bytes((i * 13) % 251 for i in range(5000)),
}
paths = list(media)

actor = {
    "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
                 {"manuallyApprovesFollowers": "as:manuallyApprovesFollowers", "toot": "http://joinmastodon.org/ns#",
                  "alsoKnownAs": {"@id": "as:alsoKnownAs", "@type": "@id"}, "movedTo": {"@id": "as:movedTo", "@type": "@id"}}],
    "id": ACTOR, "type": "Person", "following": ACTOR + "/following", "followers": ACTOR + "/followers",
    "inbox": ACTOR + "/inbox", "outbox": "outbox.json", "featured": ACTOR + "/collections/featured",
    "preferredUsername": "alice", "name": "Alice Ã", "summary": "<p>Moving to a DID 🐘</p>",
    "url": "https://social.example/@alice", "manuallyApprovesFollowers": False, "discoverable": True,
    "indexable": True, "published": "2022-11-05T00:00:00Z", "memorial": False,
    "likes": "likes.json", "bookmarks": "bookmarks.json",
    "alsoKnownAs": ["https://old.example/users/alice", "https://older.example/@alice"],
    "publicKey": {"id": ACTOR + "#main-key", "owner": ACTOR,
                  "publicKeyPem": "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n"},
    "tag": [], "attachment": [{"type": "PropertyValue", "name": "Web", "value": "<a href=\"https://alice.example\">alice.example</a>"}],
    "endpoints": {"sharedInbox": "https://social.example/inbox"},
    "icon": {"type": "Image", "mediaType": "image/png", "url": "avatar.png"},
    "image": {"type": "Image", "mediaType": "image/jpeg", "url": "header.jpg"},
}


def note(n, published, content, attachments):
    sid = f"{ACTOR}/statuses/11345678901234567{n}"
    return {
        "id": sid, "type": "Note", "summary": None, "inReplyTo": None, "published": published,
        "url": f"https://social.example/@alice/11345678901234567{n}", "attributedTo": ACTOR,
        "to": ["https://www.w3.org/ns/activitystreams#Public"], "cc": [ACTOR + "/followers"],
        "sensitive": False, "atomUri": sid, "inReplyToAtomUri": None, "conversation": f"tag:social.example,2024-11-20:objectId={n}:objectType=Conversation",
        "content": content, "contentMap": {"en": content}, "attachment": attachments, "tag": [],
        "replies": {"id": sid + "/replies", "type": "Collection",
                    "first": {"type": "CollectionPage", "next": sid + "/replies?only_other_accounts=true&page=true",
                              "partOf": sid + "/replies", "items": []}},
    }


notes = [
    note(8, "2024-11-20T10:00:00Z", "<p>Two files \u2014 one picture, one video</p>", [
        {"type": "Document", "mediaType": "image/png", "url": paths[0], "name": "A drawing", "blurhash": "UBL_:rOpGG-;~qRjWBay", "focalPoint": [0.5, -0.25], "width": 40, "height": 25},
        {"type": "Document", "mediaType": "video/mp4", "url": paths[1], "name": None, "width": 640, "height": 360},
    ]),
    note(9, "2024-11-21T08:30:00Z", "<p>Ünïcode &amp; emoji 🎉 \"quotes\"</p>", []),
]


def create(obj):
    return {"id": obj["id"] + "/activity", "type": "Create", "actor": ACTOR, "published": obj["published"],
            "to": obj["to"], "cc": obj["cc"], "object": obj}


announce = {"id": f"{ACTOR}/statuses/113456789012345680/activity", "type": "Announce", "actor": ACTOR,
            "published": "2024-11-22T09:00:00Z", "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "cc": ["https://other.example/users/bob", ACTOR + "/followers"], "object": "https://other.example/users/bob/statuses/1"}
# A Create whose object is only a URI (not embedded) has no bytes to hash: skipped with a note.
bare = {"id": f"{ACTOR}/statuses/113456789012345681/activity", "type": "Create", "actor": ACTOR,
        "published": "2024-11-23T09:00:00Z", "object": f"{ACTOR}/statuses/113456789012345681"}
outbox = {"@context": ["https://www.w3.org/ns/activitystreams", {"ostatus": "http://ostatus.org#", "sensitive": "as:sensitive",
                                                                 "toot": "http://joinmastodon.org/ns#", "blurhash": "toot:blurhash"}],
          "id": "outbox.json", "type": "OrderedCollection", "totalItems": 4,
          "orderedItems": [create(notes[0]), create(notes[1]), announce, bare]}
likes = {"@context": "https://www.w3.org/ns/activitystreams", "id": "likes.json", "type": "OrderedCollection",
         "orderedItems": ["https://other.example/users/bob/statuses/1", "https://third.example/notes/9x"]}
bookmarks = {"@context": "https://www.w3.org/ns/activitystreams", "id": "bookmarks.json", "type": "OrderedCollection",
             "orderedItems": ["https://other.example/users/bob/statuses/1"]}

# Mastodon writes its JSON with Oj (compact); file bytes need not be canonical.
write("archive/actor.json", json.dumps(actor, ensure_ascii=False))
write("archive/outbox.json", json.dumps(outbox, ensure_ascii=False))
write("archive/likes.json", json.dumps(likes))
write("archive/bookmarks.json", json.dumps(bookmarks))
write("archive/avatar.png", avatar)
write("archive/header.jpg", header)
for path, data in media.items():
    write("archive/" + path, data)

# CSV exports as app/models/export.rb writes them: CSV.generate, "\n" line ends, no BOM, quotes only when needed.
write("csv/following_accounts.csv",
      "Account address,Show boosts,Notify on new posts,Languages\n"
      "bob@other.example,true,false,\"en, de\"\n"
      "carol@third.example,false,true,\n"
      "alice@social.example,true,false,\n")
write("csv/follower_accounts.csv", "Account address\nfan@fans.example\nbob@other.example\n")
write("csv/blocked_accounts.csv", "troll@bad.example\n")
write("csv/muted_accounts.csv", "Account address,Hide notifications\nspam@junk.example,true\nloud@x.example,false\n")
write("csv/lists.csv", "\"Work, mostly\",bob@other.example\nFriends,carol@third.example\nFriends,bob@other.example\n")
write("csv/bookmarks.csv", "https://other.example/users/bob/statuses/1\n")
write("csv/blocked_domains.csv", "spam.example\nbad.example\n")


def pointer(obj, uri, rel, location):
    e = {"uri": uri, "rel": rel, "cid": cid(jcs(obj)), "mediaType": "application/activity+json"}
    if obj.get("published"):
        e["created"] = obj["published"]
    e["schema"] = obj["type"]
    e["locations"] = [location]
    return e


def attachment(uri, part_of, path, media_type):
    data = avatar if path == "avatar.png" else header if path == "header.jpg" else media[path]
    return {"uri": uri, "rel": "attachment", "cid": cid(data), "mediaType": media_type, "size": len(data),
            "partOf": part_of, "locations": [path]}


content = [pointer(actor, ACTOR, "profile", "actor.json"),
           attachment(ACTOR + "#icon", ACTOR, "avatar.png", "image/png"),
           attachment(ACTOR + "#image", ACTOR, "header.jpg", "image/jpeg"),
           pointer(announce, announce["id"], "repost", "outbox.json")]
for n in notes:
    content.append(pointer(n, n["id"], "post", "outbox.json"))
    for i, a in enumerate(n["attachment"]):
        content.append(attachment(f"{n['id']}#attachments/{i}", n["id"], a["url"], a["mediaType"]))
for uri in likes["orderedItems"]:
    content.append({"uri": uri, "rel": "like"})
content.append({"uri": "https://other.example/users/bob/statuses/1", "rel": "bookmark"})  # archive and CSV agree


def key(*parts):
    return [p.encode() for p in parts]


def acct(a, **extra):
    e = {"id": "acct:" + a, "protocol": "activitypub", "acct": a}
    e.update(extra)
    return e


expected = {
    "content": sorted(content, key=lambda e: key(e["uri"], e.get("rel", ""))),
    "following": sorted([acct("bob@other.example", options={"showBoosts": True, "notify": False, "languages": ["en", "de"]}),
                         acct("carol@third.example", options={"showBoosts": False, "notify": True}),
                         acct("alice@social.example", options={"showBoosts": True, "notify": False})], key=lambda e: key(e["id"])),
    "followers": sorted([acct("fan@fans.example"), acct("bob@other.example")], key=lambda e: key(e["id"])),
    "blocks": [acct("troll@bad.example")],
    "mutes": sorted([acct("spam@junk.example", options={"hideNotifications": True}),
                     acct("loud@x.example", options={"hideNotifications": False})], key=lambda e: key(e["id"])),
    "lists": sorted([acct("bob@other.example", list="Work, mostly"), acct("carol@third.example", list="Friends"),
                     acct("bob@other.example", list="Friends")], key=lambda e: key(e["list"], e["id"])),
    "extensions": {"mastodon:domainBlocks": ["bad.example", "spam.example"]},
    "previousIdentifiers": [{"id": ACTOR, "acct": "alice@social.example", "relation": "retiring"},
                            {"id": "https://old.example/users/alice", "relation": "alias"},
                            {"id": "https://older.example/@alice", "relation": "alias"}],
    "sourcePresence": {"protocol": "activitypub", "platform": "mastodon", "actor": ACTOR, "service": "https://social.example"},
}
write("expected.json", json.dumps(expected, indent=1, ensure_ascii=False) + "\n")
