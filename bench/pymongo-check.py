"""Opens the embedded document engine with PyMongo and its default settings, as a user's script would.

    PYTHONPATH=<mongo-python-driver checkout>:<dnspython checkout> python3 bench/pymongo-check.py mongodb://127.0.0.1:<port>/polyshop

PyMongo and dnspython are pure Python: a checkout of each (git tags 4.17.0 and v2.8.0 were used) runs without
installing anything, with PyMongo's pure-Python BSON. The URI is the document engine's line of the start-up banner.
Prints the handshake fields the driver checks, then pings, reads the catalog and round-trips a document through a
scratch collection that it drops again.
"""
import sys

import bson
import pymongo
from pymongo import MongoClient

uri = sys.argv[1]
print("pymongo", pymongo.version, "C extensions:", pymongo.has_c(), "bson C:", bson.has_c())
client = MongoClient(uri)  # default settings: the driver's own handshake and server selection
hello = client.admin.command("hello")
print("hello:", {k: hello.get(k) for k in ("isWritablePrimary", "helloOk", "minWireVersion", "maxWireVersion",
                                           "maxBsonObjectSize", "logicalSessionTimeoutMinutes")})
print("ping:", client.admin.command("ping"))
print("server version:", client.server_info()["version"])
db = client.get_default_database()
print("collections:", sorted(db.list_collection_names()))
print("products:", db.products.count_documents({}))
print("first page:", [d["_id"] for d in db.products.find({}, {"title": 1}).sort("_id", 1).limit(2)])
scratch = db.pymongo_check
inserted = scratch.insert_one({"driver": "pymongo", "version": pymongo.version})
print("insert acknowledged:", inserted.acknowledged,
      "found again:", scratch.find_one({"_id": inserted.inserted_id}) == {"_id": inserted.inserted_id,
                                                                         "driver": "pymongo", "version": pymongo.version})
scratch.drop()
client.close()
