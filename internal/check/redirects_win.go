package check

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/mamori-project/mamori/internal/host"
	"github.com/mamori-project/mamori/internal/monitor"
)

// windowsRootStores are the registry's root-certificate stores a program
// or a person adds to: the person's own, the machine's, and those Group
// Policy and an enterprise fill. Windows' automatic root updates go to
// another store (AuthRoot), which is Microsoft's programme and not read.
var windowsRootStores = []string{
	`HKCU\Software\Microsoft\SystemCertificates\Root\Certificates`,
	`HKLM\SOFTWARE\Microsoft\SystemCertificates\ROOT\Certificates`,
	`HKCU\Software\Policies\Microsoft\SystemCertificates\Root\Certificates`,
	`HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates\Root\Certificates`,
	`HKLM\SOFTWARE\Microsoft\EnterpriseCertificates\Root\Certificates`,
}

// windowsOwnRoots are the SHA-1 thumbprints (the names of the registry
// keys) of the roots Windows itself keeps in those stores: Microsoft's
// roots, and the few older ones every Windows has for time stamps and old
// signatures (MITRE ATT&CK T1553.004 lists the set common to Windows
// systems).
var windowsOwnRoots = map[string]bool{
	"CDD4EEAE6000AC7F40C3802C171E30148030C072": true, // Microsoft Root Certificate Authority
	"A43489159A520F0D93D032CCAF37E7FE20A8B419": true, // Microsoft Root Authority
	"3B1EFD3A66EA28B16697394703A72CA340A05BD5": true, // Microsoft Root Certificate Authority 2010
	"8F43288AD272F3103B6FB1428485EA3014C0BCFE": true, // Microsoft Root Certificate Authority 2011
	"06F1AA330B927B753A40E68CDF22E34BCBEF3352": true, // Microsoft ECC Product Root Certificate Authority 2018
	"31F9FC8BA3805986B721EA7295C65B3A44534274": true, // Microsoft ECC TS Root Certificate Authority 2018
	"73A5E64A3BFF8316FF0EDCCC618A906E4EAE4D74": true, // Microsoft RSA Root Certificate Authority 2017
	"999A64C37FF47D9FAB95F14769891460EEC4C3C5": true, // Microsoft ECC Root Certificate Authority 2017
	"F40042E2E5F7E8EF8189FED15519AECE42C3BFA2": true, // Microsoft Identity Verification Root Certificate Authority 2020
	"245C97DF7514E7CF2DF8BE72AE957B9E04741E85": true, // Copyright (c) 1997 Microsoft Corp.
	"7F88CD7223F3C813818C994614A89C99FA3B5247": true, // Microsoft Authenticode(tm) Root Authority
	"18F7C1FCC3090203FD5BAA2F861A754976C8DD25": true, // NO LIABILITY ACCEPTED, (c)97 VeriSign, Inc.
	"BE36A4562FB2EE05DBB3D32323ADF445084ED656": true, // Thawte Timestamping CA
	"92B46C76E13054E104F230517E6E504D43AB10B5": true, // Symantec Enterprise Mobile Root for Microsoft
}

// windowsAddedRoots lists the certificates in the root stores that are not
// Windows' own, named by their subject. A store that is not there holds
// nothing; one that cannot be read is an error.
func windowsAddedRoots(reg host.Registry) ([]addedCert, error) {
	var out []addedCert
	for _, store := range windowsRootStores {
		thumbs, err := reg.SubKeys(store)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, thumb := range thumbs {
			if windowsOwnRoots[strings.ToUpper(thumb)] {
				continue
			}
			key := store + `\` + thumb
			c := addedCert{File: store + `\` + monitor.Cut(thumb, 60), Subject: monitor.Cut(thumb, 60)}
			if blob, err := reg.Binary(key, "Blob"); err == nil {
				if der, err := certFromBlob(blob); err == nil {
					if name := certSubjectName(der); name != "" {
						c.Subject = monitor.Cut(name, 80)
					}
					c.CN, c.Org = certSubject(der)
				}
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// certFromBlob finds the certificate in a store entry's "Blob": the
// certificate's properties one after another (ID, a reserved 1, length,
// bytes; all little-endian), of which CERT_CERT_PROP_ID (32) holds the
// certificate's DER.
func certFromBlob(b []byte) ([]byte, error) {
	const certProp = 32
	for len(b) >= 12 {
		id, n := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[8:])
		if uint64(n) > uint64(len(b)-12) {
			return nil, fmt.Errorf("certificate blob: property %d of %d bytes", id, n)
		}
		if id == certProp {
			return b[12 : 12+n], nil
		}
		b = b[12+n:]
	}
	return nil, errors.New("certificate blob: no certificate")
}
