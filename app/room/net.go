package room

import (
	"net"
	"net/netip"
	"slices"
)

// Address is a network address the room can listen on.
type Address struct {
	IP        string // "192.168.1.20"
	Interface string // "wlan0"; "" for loopback
}

// Addresses lists the machine's IPv4 addresses that are up, the local
// network's first (private ranges before others), loopback last.
func Addresses() []Address {
	var out []Address
	ifs, _ := net.Interfaces()
	for _, ifc := range ifs {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip, ok := netip.AddrFromSlice(n.IP)
			if !ok || !ip.Unmap().Is4() || ip.IsLinkLocalUnicast() {
				continue
			}
			out = append(out, Address{IP: ip.Unmap().String(), Interface: ifc.Name})
		}
	}
	slices.SortStableFunc(out, func(a, b Address) int {
		return rank(a) - rank(b)
	})
	return append(out, Address{IP: "127.0.0.1"})
}

func rank(a Address) int {
	ip, err := netip.ParseAddr(a.IP)
	if err == nil && ip.IsPrivate() {
		return 0
	}
	return 1
}

// DefaultAddress is where a room listens unless told otherwise: the local
// network's address, loopback when there is none.
func DefaultAddress() string { return Addresses()[0].IP }
