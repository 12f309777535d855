"""dnspython's reading of DNS text, for the differential test in dnspython_differential.rs.

    dnspython_read.py read ORIGIN ZONEFILE   every record of the zone file, as JSON
    dnspython_read.py judge CASESFILE        for each [type, text] pair of a JSON array, null
                                             when dnspython accepts the text as that type's
                                             record data, else why it refuses it

The output is one JSON object on stdout: {"dnspython": version, "records": [...]} or
{"dnspython": version, "verdicts": [...]}. Record data comes out field by field, names in
dnspython's own text form and every octet string in hex, so that the Rust side compares
what dnspython read rather than how it would print it; "octets" is the length of the data
on the wire, names uncompressed.

The zone file is read with no $INCLUDE and no directive but $ORIGIN and $TTL: our writer
emits only those two, so anything else in the file is text that escaped its quotes.
"""

import json
import sys

import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.version
import dns.zone


def record_data(rdata):
    """The fields of one record's data, as the Rust side expects them for its type."""
    rdtype = rdata.rdtype
    if rdtype in (dns.rdatatype.A, dns.rdatatype.AAAA):
        return {"address": rdata.address}
    if rdtype in (dns.rdatatype.CNAME, dns.rdatatype.NS):
        return {"target": rdata.target.to_text()}
    if rdtype == dns.rdatatype.MX:
        return {"preference": rdata.preference, "exchange": rdata.exchange.to_text()}
    if rdtype == dns.rdatatype.SRV:
        return {
            "priority": rdata.priority,
            "weight": rdata.weight,
            "port": rdata.port,
            "target": rdata.target.to_text(),
        }
    if rdtype == dns.rdatatype.TXT:
        return {"strings": [string.hex() for string in rdata.strings]}
    if rdtype == dns.rdatatype.CAA:
        return {"flags": rdata.flags, "tag": rdata.tag.hex(), "value": rdata.value.hex()}
    if rdtype == dns.rdatatype.SOA:
        return {"mname": rdata.mname.to_text(), "serial": rdata.serial}
    return {"text": rdata.to_text()}


def read(origin, path):
    zone = dns.zone.from_file(
        path,
        origin=origin,
        relativize=False,
        check_origin=True,
        allow_include=False,
        allow_directives={"$ORIGIN", "$TTL"},
    )
    records = []
    for name, rdataset in zone.iterate_rdatasets():
        for rdata in rdataset:
            records.append(
                {
                    "owner": name.to_text(),
                    "type": dns.rdatatype.to_text(rdataset.rdtype),
                    "ttl": rdataset.ttl,
                    "data": record_data(rdata),
                    "octets": len(rdata.to_wire()),
                }
            )
    return {"records": records}


def judge(path):
    with open(path, encoding="utf-8") as cases_file:
        cases = json.load(cases_file)
    verdicts = []
    for record_type, text in cases:
        try:
            dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.from_text(record_type), text)
            verdicts.append(None)
        # Every refusal counts, whatever dnspython calls it: a syntax error, a label too long,
        # an IDNA failure.
        except Exception as error:  # noqa: BLE001
            verdicts.append(f"{type(error).__name__}: {error}")
    return {"verdicts": verdicts}


def main(argv):
    if len(argv) == 4 and argv[1] == "read":
        answer = read(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "judge":
        answer = judge(argv[2])
    else:
        sys.exit(__doc__)
    answer["dnspython"] = dns.version.version
    json.dump(answer, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main(sys.argv)
